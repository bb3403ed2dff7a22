import EnrollCore
import Testing
import TestSupport

/// Random event sequences: the machine refuses or moves, never traps, and its invariants hold.
@Suite struct SessionPropertyTests {
    static func randomEvent(_ g: inout SeededGenerator) -> SessionEvent {
        let finger = FingerPosition.allCases.randomElement(using: &g)!
        let reason = CaptureException.Reason.allCases.randomElement(using: &g)!
        let approval: String? = Bool.random(using: &g) ? "sup" : nil
        switch Int.random(in: 0..<14, using: &g) {
        case 0: return .consent(version: Bool.random(using: &g) ? "1" : "2", accepted: Int.random(in: 0..<10, using: &g) > 0)
        case 1: return .subject(Bool.random(using: &g) ? ["reference": "R"] : ["other": "x"])
        case 2, 3: return .fingerCaptured(finger, quality: .scored(Int.random(in: -5...105, using: &g)), captureID: "c")
        case 4: return .fingerException(finger, CaptureException(reason: reason, approvedBy: approval))
        case 5: return .faceCaptured(quality: .scored(Int.random(in: 0...100, using: &g)), captureID: "f")
        case 6: return .faceException(CaptureException(reason: reason, approvedBy: approval))
        case 7: return .duplicateResult(Bool.random(using: &g) ? [] : [DuplicateCandidate(recordID: "r", score: 1)])
        case 8: return .duplicateDecision(Bool.random(using: &g) ? .notDuplicate : .samePerson, supervisorID: approval ?? "")
        case 9: return .confirm
        case 10: return .commitSucceeded(recordID: "r")
        case 11: return .commitFailed(reason: "x")
        case 12: return Int.random(in: 0..<20, using: &g) == 0 ? .cancel : .tick
        default: return .tick
        }
    }

    @Test(arguments: 0..<40)
    func randomSequencesKeepTheInvariants(_ seed: Int) {
        var g = SeededGenerator(seed: UInt64(seed))
        let mode: SessionMode = seed % 2 == 0 ? .staffed(operatorID: "op") : .unattended(stationID: "st")
        var driver = SessionDriver(mode: mode)
        for _ in 0..<300 {
            let before = driver.session.step
            let delay = Duration.seconds(Int.random(in: 0...(seed % 3 == 0 ? 130 : 20), using: &g))
            do {
                let effects = try driver.send(Self.randomEvent(&g), after: delay)
                if case .aborted = driver.session.step, !before.isFinal {
                    #expect(effects == [.wipe], "an abort must wipe")
                    #expect(driver.session.summary.fingers.isEmpty && driver.session.summary.subject.isEmpty)
                }
                if effects.contains(where: { if case .commit = $0 { true } else { false } }) {
                    #expect(before == .review)
                    #expect(driver.session.step == .committing)
                }
            } catch {
                #expect(driver.session.step == before, "a refused event changed the step")
            }
            if before.isFinal { #expect(driver.session.step == before) }
        }
    }
}
