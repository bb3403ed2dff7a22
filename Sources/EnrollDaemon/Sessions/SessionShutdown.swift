import ServiceLifecycle

/// Ends the open session as soon as shut-down begins, before the listeners stop: its
/// event stream then closes with `aborted: daemon_stopping`, so the page hears why, and
/// the listeners are not held up by a stream that would otherwise stay open. The ticker,
/// stopped after the listeners, ends any session that started in between.
struct SessionShutdown: Service {
    let sessions: SessionManager

    func run() async throws {
        // Returns when shut-down begins; throws only if the group is cancelled instead.
        try? await gracefulShutdown()
        await sessions.stopForShutdown()
    }
}
