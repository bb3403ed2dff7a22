import ServiceLifecycle

/// Checks the active session's deadline once a second, so an abandoned session (a person
/// who walked away from a self-service station) ends and is wiped without anyone calling.
/// At shut-down it ends the open session with the reason "daemon stopping".
struct SessionTicker: Service {
    let sessions: SessionManager

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            // Returning early on shut-down is the normal end; an error here would stop the group.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(1)) }
            await sessions.tick()
        }
        // Stopped after the listeners: a session started after SessionShutdown ran ends here.
        await sessions.stopForShutdown()
    }
}
