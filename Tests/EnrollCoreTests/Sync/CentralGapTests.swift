import EnrollCore
import Testing

/// What a `gap` answer from the central server makes the kiosk do: re-send what it still
/// holds, report what it cannot, and treat anything inconsistent as an ordinary failure.
@Suite struct CentralGapTests {
    @Test("A restored server: re-send from what it expects up to the first pending record")
    func resendWhenEverythingIsHeld() {
        #expect(CentralGap.decide(expected: 4, firstPending: 11, localHead: 15, lowestHeld: 1) == .resend(from: 4, through: 10))
        // The lowest held record is exactly the expected one.
        #expect(CentralGap.decide(expected: 4, firstPending: 11, localHead: 15, lowestHeld: 4) == .resend(from: 4, through: 10))
        // Nothing pending: the first pending is the head plus one.
        #expect(CentralGap.decide(expected: 1, firstPending: 8, localHead: 7, lowestHeld: 1) == .resend(from: 1, through: 7))
    }

    @Test("Purged records cannot be re-sent: the range the centre lacks is reported")
    func unrepairableWhenPurged() {
        let gap = CentralGap.decide(expected: 4, firstPending: 11, localHead: 15, lowestHeld: 5)
        #expect(gap == .unrepairable(from: 4, through: 10, lowestHeld: 5))
        #expect(gap?.missing == 4...10)
        #expect(gap?.description.contains("accept-gap") == true)
        #expect(CentralGap.decide(expected: 4, firstPending: 11, localHead: 10, lowestHeld: nil) == .unrepairable(from: 4, through: 10, lowestHeld: nil))
    }

    @Test("Records this kiosk's database lost (accepted by a technician): only the centre's acknowledgement helps")
    func lostOnKiosk() {
        // Lost 2…3 and accepted; record 4 pending; the centre holds 1, which the outbox still has.
        let gap = CentralGap.decide(expected: 2, firstPending: 4, localHead: 4, lowestHeld: 1, acceptedLosses: [2...3])
        #expect(gap == .lostOnKiosk(from: 2, through: 3))
        #expect(gap?.isResend == false && gap?.isLostOnKiosk == true)
        #expect(gap?.description.contains("accept-gap --after 3") == true)
        // Without the loss noted the same answer would try to re-send records that do not exist.
        #expect(CentralGap.decide(expected: 2, firstPending: 4, localHead: 4, lowestHeld: 1) == .resend(from: 2, through: 3))
        // A restored centre that lacks held records below the loss gets those first ...
        #expect(CentralGap.decide(expected: 2, firstPending: 7, localHead: 7, lowestHeld: 1, acceptedLosses: [4...6]) == .resend(from: 2, through: 3))
        // ... and its next answer names the loss.
        #expect(CentralGap.decide(expected: 4, firstPending: 7, localHead: 7, lowestHeld: 1, acceptedLosses: [4...6]) == .lostOnKiosk(from: 4, through: 6))
        // The records the centre had receipted before the loss: the gap starts where it expects.
        #expect(CentralGap.decide(expected: 3, firstPending: 4, localHead: 4, lowestHeld: 1, acceptedLosses: [2...3]) == .lostOnKiosk(from: 3, through: 3))
        // A loss entirely below what the centre expects is no part of its gap.
        #expect(CentralGap.decide(expected: 5, firstPending: 8, localHead: 8, lowestHeld: 1, acceptedLosses: [2...3]) == .resend(from: 5, through: 7))
        // Inconsistent answers stay no restore, loss or not.
        #expect(CentralGap.decide(expected: 0, firstPending: 4, localHead: 4, lowestHeld: 1, acceptedLosses: [2...3]) == nil)
    }

    @Test("Hostile or inconsistent answers are no restore", arguments: [
        (UInt64(0), UInt64(11), UInt64(15)),          // expected 0: sequences start at 1
        (UInt64(11), UInt64(11), UInt64(15)),         // expects what is sent: no gap below
        (UInt64(12), UInt64(11), UInt64(15)),         // expects more than sent
        (UInt64(16), UInt64(11), UInt64(15)),         // beyond the local head
        (UInt64.max, UInt64(11), UInt64(15)),         // absurd
        (UInt64(3), UInt64(20), UInt64(15)),          // first pending beyond the head plus one
        (UInt64(3), UInt64(11), UInt64.max),          // absurd local head
    ])
    func noRestore(_ values: (UInt64, UInt64, UInt64)) {
        #expect(CentralGap.decide(expected: values.0, firstPending: values.1, localHead: values.2, lowestHeld: 1) == nil)
    }

    @Test("A re-send never repeats itself: after re-opening, the same answer is no longer a gap")
    func repeatedAnswerStops() {
        guard case .resend(let from, _) = CentralGap.decide(expected: 4, firstPending: 11, localHead: 15, lowestHeld: 1) else {
            Issue.record("expected a re-send")
            return
        }
        // The records from 4 on are pending again: the first pending is now 4.
        #expect(CentralGap.decide(expected: 4, firstPending: from, localHead: 15, lowestHeld: 1) == nil)
    }
}
