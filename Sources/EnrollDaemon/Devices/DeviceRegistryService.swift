import ServiceLifecycle

/// Runs the registry in the service group: start-up enumeration (the `devices`
/// milestone), then hot-plug until shut-down.
struct DeviceRegistryService: Service {
    let registry: DeviceRegistry
    let gate: ReadinessGate

    func run() async throws {
        await registry.enumerate()
        await gate.reached(Milestone.devices)
        await cancelWhenGracefulShutdown {
            await registry.followChanges()
            // Sources that never change (or none at all) must not end the group early.
            try? await gracefulShutdown()
        }
    }
}
