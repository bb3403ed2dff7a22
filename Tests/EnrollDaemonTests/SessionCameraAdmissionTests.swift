import Access
import ControlAPI
import EnrollCore
import Logging
import Testing
import TestSupport
@testable import EnrollDaemon

/// A session whose policy takes the face does not start without a working camera: the
/// person would give consent, details and fingers, then be stopped at the photo.
@Suite struct SessionCameraAdmissionTests {
    let base = SessionManagerTests()
    let station = Principal(id: "station", role: .station, via: .station)
    let reader = DeviceSummary(id: "usb-1-4", kind: .fingerprintReader, name: "Elan reader", driver: "elan", health: .ready)
    let camera = DeviceSummary(id: "video0", kind: .camera, name: "UVC camera", driver: "uvcvideo", health: .ready)

    func registry(_ present: [DeviceSummary]) async -> DeviceRegistry {
        let registry = DeviceRegistry(sources: [FakeDeviceSource(present: present)], logger: Logger(label: "test"))
        await registry.enumerate()
        return registry
    }

    @Test func aSessionThatNeedsTheFaceDoesNotStartWithoutACamera() async throws {
        let sessions = base.manager(readers: await registry([reader]), face: true)
        let admission = await sessions.admission(for: station)
        #expect(!admission.accepting && admission.error == "no_device")
        #expect(admission.message?.contains("camera") == true, "\(String(describing: admission.message))")
        do {
            _ = try await sessions.create(by: station)
            Issue.record("a session that needs the face started without a camera")
        } catch {
            #expect(error.description.hasPrefix("503 ") && error.code == "no_device" && error.description.contains("camera"), "\(error)")
        }
    }

    @Test func aFailedOrRemovedCameraRefusesAndAWorkingOneAdmits() async throws {
        let devices = await registry([reader, camera])
        let sessions = base.manager(readers: devices, face: true)
        #expect(await sessions.admission(for: station) == AdmissionView(accepting: true))
        for health in [DeviceSummary.Health.failed, .removed] {
            var broken = camera
            broken.health = health
            await devices.apply(.updated(broken))
            #expect(await sessions.admission(for: station).error == "no_device", "camera \(health)")
        }
        var streaming = camera
        streaming.health = .busy
        await devices.apply(.updated(streaming))
        #expect(await sessions.admission(for: station) == AdmissionView(accepting: true))
        #expect(try await sessions.create(by: station).step == "consent")
    }

    @Test func theReaderIsSaidFirstAndAPolicyWithoutTheFaceNeedsNoCamera() async throws {
        let neither = base.manager(readers: await registry([]), face: true)
        #expect(await neither.admission(for: station).message?.contains("reader") == true)
        let fingersOnly = base.manager(readers: await registry([reader]), face: false)
        #expect(await fingersOnly.admission(for: station) == AdmissionView(accepting: true))
    }
}
