import EnrollCore
import ServiceLifecycle

/// Tells the active session's live screen when a reader or camera comes, goes, fails or
/// recovers (`device_health` events), so staff see at once why a capture cannot work.
struct SessionDeviceWatch: Service {
    let registry: DeviceRegistry
    let sessions: SessionManager

    func run() async throws {
        let changes = await registry.healthChanges()
        await cancelWhenGracefulShutdown {
            for await device in changes { await sessions.deviceChanged(device) }
        }
    }
}
