import EnrollCore
import Testing

/// A device that keeps dropping off is warned about once, then summarised; one unplugged
/// now and then is journalled as usual.
@Suite struct DeviceChurnTests {
    let minute: Int64 = 60_000

    @Test func occasionalReplugsAreJournalledOneByOne() {
        var churn = DeviceChurn()
        // Two re-plugs an hour apart each, for a day: never churn.
        for hour in 0..<24 {
            let at = Int64(hour) * 60 * minute
            #expect(churn.note(id: "r", removal: true, at: at) == .journal)
            #expect(churn.note(id: "r", removal: false, at: at + 1_000) == .journal)
        }
    }

    @Test func theThirdRemovalWithinTheWindowWarnsAndLaterEventsAreHeld() {
        var churn = DeviceChurn()
        #expect(churn.note(id: "r", removal: true, at: 0) == .journal)
        #expect(churn.note(id: "r", removal: false, at: 500) == .journal)
        #expect(churn.note(id: "r", removal: true, at: 2 * minute) == .journal)
        #expect(churn.note(id: "r", removal: false, at: 2 * minute + 500) == .journal)
        #expect(churn.note(id: "r", removal: true, at: 4 * minute) == .journalAndWarn(removals: 3))
        #expect(churn.note(id: "r", removal: false, at: 4 * minute + 500) == .hold)
        #expect(churn.note(id: "r", removal: true, at: 5 * minute) == .hold)
        // Another device is not affected.
        #expect(churn.note(id: "camera", removal: true, at: 5 * minute) == .journal)
    }

    @Test func removalsOutsideTheWindowDoNotCount() {
        var churn = DeviceChurn()
        #expect(churn.note(id: "r", removal: true, at: 0) == .journal)
        #expect(churn.note(id: "r", removal: true, at: 6 * minute) == .journal)
        // The first has left the ten-minute window: two within it, not three.
        #expect(churn.note(id: "r", removal: true, at: 11 * minute) == .journal)
        #expect(churn.note(id: "r", removal: true, at: 12 * minute) == .journalAndWarn(removals: 3))
    }

    @Test func summariesGoOnWhileItChurnsAndEndWhenItSettles() {
        var churn = DeviceChurn()
        #expect(churn.summarise(id: "r", at: 0) == nil, "nothing to summarise for a quiet device")
        for k in 0..<3 { _ = churn.note(id: "r", removal: true, at: Int64(k) * minute) }
        for k in 3..<7 { #expect(churn.note(id: "r", removal: k % 2 == 1, at: Int64(k) * minute) == .hold) }
        // At 11 min: 4 held; the removals at 2, 3 and 5 min are within ten minutes: still churning.
        #expect(churn.summarise(id: "r", at: 11 * minute) == DeviceChurn.Summary(heldEvents: 4, stillChurning: true))
        #expect(churn.note(id: "r", removal: false, at: 12 * minute) == .hold)
        // At 21 min no removal is within ten minutes: settled.
        #expect(churn.summarise(id: "r", at: 21 * minute) == DeviceChurn.Summary(heldEvents: 1, stillChurning: false))
        #expect(churn.summarise(id: "r", at: 31 * minute) == nil)
        #expect(churn.note(id: "r", removal: true, at: 32 * minute) == .journal, "settled: journalled one by one again")
    }
}
