import Access
import ControlAPI
import EnrollCore
import Logging
import Testing
import TestSupport
@testable import EnrollDaemon

/// A person may call off the reader's wait for a finger ("I prefer not to") without ending
/// the session, and a session that needs fingers does not start without a reader.
@Suite struct SessionFingerCancelTests {
    let base = SessionManagerTests()
    let operatorA = Principal(id: "op1", role: .operator, via: .pin)
    let station = Principal(id: "station", role: .station, via: .station)

    /// Consent and details given; the session is at its one finger.
    func atTheFinger(_ sessions: SessionManager, as who: Principal) async throws -> String {
        let id = try await sessions.create(by: who).id
        _ = try await sessions.consent(id, version: "1", accepted: true, by: who)
        _ = try await sessions.subject(id, fields: ["reference": "R-1"], by: who)
        return id
    }

    /// Starts a capture and returns once the reader waits (its `finger_needed` event).
    func waitingCapture(_ sessions: SessionManager, _ id: String, as who: Principal) async throws -> Task<CaptureResultView, any Error> {
        let events = try await sessions.events(id, for: who)
        let capture = Task { try await sessions.captureFinger(id, finger: .rightIndex, by: who) }
        for await message in events where message.hasPrefix("event: finger_needed") { break }
        return capture
    }

    @Test(arguments: [true, false])
    func callingOffTheWaitAnswersCancelledAndCountsNoAttempt(asStation: Bool) async throws {
        let who = asStation ? station : operatorA
        let records = FakeSessionRecords()
        let sessions = base.manager(records: records, fingers: FakeWaitingFingerCapture())
        let id = try await atTheFinger(sessions, as: who)
        let capture = try await waitingCapture(sessions, id, as: who)
        try await sessions.cancelFinger(id, by: who)
        do {
            _ = try await capture.value
            Issue.record("the capture answered although it was called off")
        } catch let problem as APIProblem {
            #expect(problem.description.hasPrefix("409 ") && problem.code == "cancelled", "\(problem)")
        }
        let view = try await sessions.session(id, for: who)
        #expect(view.step == "finger" && view.fingers.first?.attempts == 0)
        // The reader is free: the finger is recorded as declined at once, not refused as busy.
        let next = try await sessions.fingerException(id, finger: .rightIndex,
                                                      CaptureException(reason: .declined, approvedBy: asStation ? nil : "sup1"),
                                                      by: who)
        #expect(next.step != "finger", "\(next.step)")
        #expect(records.audit.contains("\(who.id) session.finger_exception.declined" + (asStation ? "" : ".approved_by:sup1")), "\(records.audit)")
    }

    @Test func withNoCaptureWaitingNothingHappens() async throws {
        let sessions = base.manager()
        let id = try await atTheFinger(sessions, as: operatorA)
        try await sessions.cancelFinger(id, by: operatorA)
        let view = try await sessions.session(id, for: operatorA)
        #expect(view.step == "finger" && view.fingers.first?.attempts == 0)
        // The next capture runs as usual.
        #expect(try await sessions.captureFinger(id, finger: .rightIndex, by: operatorA).outcome == "accepted")
    }

    @Test func onlyTheSessionsOwnerMayCallItOff() async throws {
        let sessions = base.manager(fingers: FakeWaitingFingerCapture())
        let id = try await atTheFinger(sessions, as: operatorA)
        let capture = try await waitingCapture(sessions, id, as: operatorA)
        let other = Principal(id: "op2", role: .operator, via: .pin)
        for (who, session, code) in [(other, id, "forbidden"), (station, id, "forbidden"), (operatorA, "no-such-session", "not_found")] {
            do {
                try await sessions.cancelFinger(session, by: who)
                Issue.record("\(who.id) called off \(session)")
            } catch {
                #expect(error.code == code, "\(error)")
            }
        }
        // Still waiting: the session's own cancel ends it, and the capture hears `finished`.
        #expect(try await sessions.cancel(id, by: operatorA).step == "aborted")
        await #expect(throws: APIProblem.self) { try await capture.value }
    }

    @Test func aSessionThatNeedsFingersDoesNotStartWithoutAReader() async throws {
        let reader = DeviceSummary(id: "usb-1-4", kind: .fingerprintReader, name: "Elan reader", driver: "elan", health: .ready)
        let camera = DeviceSummary(id: "video0", kind: .camera, name: "UVC camera", driver: "uvcvideo", health: .ready)
        let registry = DeviceRegistry(sources: [FakeDeviceSource(present: [camera])], logger: Logger(label: "test"))
        await registry.enumerate()
        let sessions = base.manager(readers: registry)
        do {
            _ = try await sessions.create(by: station)
            Issue.record("a session started without a reader")
        } catch {
            #expect(error.description.hasPrefix("503 ") && error.code == "no_device", "\(error)")
        }
        #expect(await sessions.admission(for: station) == AdmissionView(refusal: await sessions.deviceMissing()))
        #expect(await sessions.admission(for: station).error == "no_device")

        var failed = reader
        failed.health = .failed
        await registry.apply(.added(failed))
        #expect(await sessions.admission(for: station).accepting == false)
        var cooling = reader
        cooling.health = .cooling
        await registry.apply(.updated(cooling))
        #expect(await sessions.admission(for: station) == AdmissionView(accepting: true))
        #expect(try await sessions.create(by: station).step == "consent")
    }

    @Test func aPolicyWithoutFingersNeedsNoReader() async throws {
        let registry = DeviceRegistry(sources: [], logger: Logger(label: "test"))
        let sessions = base.manager(readers: registry, policyFingers: [])
        #expect(await sessions.admission(for: operatorA).accepting)
        #expect(try await sessions.create(by: operatorA).step == "consent")
    }

    @Test func aRefusingStoreIsSaidBeforeTheReader() async throws {
        let registry = DeviceRegistry(sources: [], logger: Logger(label: "test"))
        let sessions = base.manager(records: FakeSessionRecords(refusal: "the outbox is full"), readers: registry)
        let admission = await sessions.admission(for: station)
        #expect(!admission.accepting && admission.error == "not_accepting" && admission.message?.contains("the outbox is full") == true)
    }
}

/// A reader waiting for a finger that does not come, until its capture is called off.
struct FakeWaitingFingerCapture: FingerCapturing {
    func capture(fingerPresent: @escaping @Sendable () -> Void) async throws(ReaderError) -> CaptureOutcome {
        do {
            try await Task.sleep(for: .seconds(3600))
        } catch {
            throw ReaderError.cancelled()
        }
        throw ReaderError.timedOut()
    }
    func minutiae(of image: FingerprintImage) async -> [Minutia]? { nil }
    func cancel() async {}
}
