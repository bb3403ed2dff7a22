import Access
import ControlAPI
import EnrollCore
@testable import EnrollDaemon
import Foundation
import Imaging
import Logging
import Testing

/// The face step keeps what the face checks cut out, never the camera's whole frame, and
/// refuses the photograph (without using up a try) when nothing can be cut out.
@Suite struct SessionManagerFacePhotoTests {
    let operatorA = Principal(id: "op1", role: .operator, via: .pin)

    func manager(_ quality: any FaceQualityAssessing, records: FakeSessionRecords) -> SessionManager {
        var policy = SessionPolicy.standard
        policy.fingers = [.rightIndex]
        policy.face = true
        return SessionManager(parts: .init(
            policy: policy, fingers: FakeFingerCapture(), camera: FakeFaceCamera(),
            fingerQuality: UnassessedFingerQuality(), faceQuality: quality,
            // A clock only the test moves: a starved test process must not see a step time out.
            duplicates: FakeDuplicateSearch(found: [], failure: nil), records: records, now: { [clock = FakeClock()] in clock.now }),
            logger: Logger(label: "test"))
    }

    /// Through consent, details and the finger to the face step, then a first face attempt
    /// once the camera has delivered a frame.
    func photographed(_ sessions: SessionManager) async throws -> (id: String, result: Result<CaptureResultView, APIProblem>) {
        let id = try await sessions.create(by: operatorA).id
        _ = try await sessions.consent(id, version: "1", accepted: true, by: operatorA)
        _ = try await sessions.subject(id, fields: ["reference": "R-1"], by: operatorA)
        let finger = try await sessions.captureFinger(id, finger: .rightIndex, by: operatorA)
        #expect(finger.session.step == "face", "\(finger.session.abortReason ?? "")")
        for _ in 0..<500 {
            do throws(APIProblem) {
                return (id, .success(try await sessions.captureFace(id, by: operatorA)))
            } catch where error.message.contains("has not delivered a picture yet") {
                try await Task.sleep(for: .milliseconds(10))
            } catch {
                return (id, .failure(error))
            }
        }
        Issue.record("the fake camera's frame never reached the session")
        throw CancellationError()
    }

    @Test func theRecordKeepsTheCutOutNotTheFrame() async throws {
        let records = FakeSessionRecords()
        let sessions = manager(FakeFaceQuality(token: FaceFrame(width: 48, height: 64, rgb: [UInt8](repeating: 90, count: 48 * 64 * 3))), records: records)
        let (id, result) = try await photographed(sessions)
        #expect(try result.get().outcome == "accepted")
        _ = try await sessions.confirm(id, by: operatorA)
        let face = try #require(records.committed.first?.parts.first { $0.kind == .faceImage })
        let kept = try JPEGDecoder().rgb(face.bytes)
        #expect(kept.width == 48 && kept.height == 64, "the token, not the camera's 640×480 frame")
    }

    @Test func noCutOutMeansNoPhotographAndTheTryIsNotUsed() async throws {
        let records = FakeSessionRecords()
        let sessions = manager(FakeFaceQuality(token: nil), records: records)
        let (id, result) = try await photographed(sessions)
        guard case .failure(let problem) = result else { Issue.record("a photograph was taken without a cut-out"); return }
        #expect(problem.code == "face_checks_unavailable" && problem.description.contains("503"), "\(problem)")
        let view = try await sessions.session(id, for: operatorA)
        #expect(view.step == "face" && view.face?.attempts == 0, "the try is not counted")
    }
}

/// Accepts every frame and cuts out the token it was given (nil: cannot cut out).
struct FakeFaceQuality: FaceQualityAssessing {
    let token: FaceFrame?
    func assess(_ frame: FaceFrame) -> CaptureQuality { CaptureQuality(score: 80, acceptable: true, feedback: []) }
    func photograph(_ frame: FaceFrame) -> FaceFrame? { token }
}

/// A camera delivering the same 640×480 frame until stopped.
struct FakeFaceCamera: FaceCamera {
    func frames() async throws -> AsyncThrowingStream<FaceFrame, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                let frame = FaceFrame(width: 640, height: 480, rgb: [UInt8](repeating: 200, count: 640 * 480 * 3))
                while !Task.isCancelled {
                    continuation.yield(frame)
                    try? await Task.sleep(for: .milliseconds(20))
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    func stop() async {}
}
