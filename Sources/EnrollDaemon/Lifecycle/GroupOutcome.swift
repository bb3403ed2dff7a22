import ServiceLifecycle

/// Lets a part that fails after start-up (an insecure socket) stop the whole group and
/// make the exit status say so.
actor GroupOutcome {
    private var group: ServiceGroup?
    private(set) var failed = false

    func attach(_ group: ServiceGroup) { self.group = group }

    func fail() async {
        failed = true
        await group?.triggerGracefulShutdown()
    }
}
