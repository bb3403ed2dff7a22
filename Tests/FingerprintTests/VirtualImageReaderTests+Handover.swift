import EnrollCore
import Fingerprint
import Imaging
import Testing

/// The hand-over of a presented finger (what the demo's `POST /v1/demo/present` waits for):
/// the presenter learns when the reader has taken the image, instead of sleeping.
extension VirtualImageReaderTests {
    @Test func aPresentedImageIsReportedTakenOnceTheReaderHasIt() async throws {
        let (reader, feeder) = try await VirtualReader.reader()
        #expect(await reader.fingerWaitMark() == nil, "an idle reader waits for no finger")

        let capture = Task { try await reader.capture() }
        try await VirtualReader.waitForFingerNeeded(reader)
        let mark = try #require(await reader.fingerWaitMark())
        try feeder.present(synthetic.image(finger: 4, impression: 2))
        #expect(await reader.waitUntilFingerTaken(since: mark, limit: .seconds(30)))
        #expect(await !reader.isWaitingForFinger, "taken means the reader no longer asks for it")
        guard case .captured = try await capture.value else {
            Issue.record("the taken image was not captured")
            return
        }
        // Asked again later, the same mark is answered at once.
        #expect(await reader.waitUntilFingerTaken(since: mark, limit: .seconds(30)))
    }

    @Test func aWaitEndsWhenNothingIsPresentedInTimeOrTheOperationEnds() async throws {
        let (reader, _) = try await VirtualReader.reader()
        let enroll = Task { for try await _ in await reader.enroll(finger: .leftThumb) {} }
        try await VirtualReader.waitForFingerNeeded(reader)
        let mark = try #require(await reader.fingerWaitMark())
        // Nothing presented: the limit ends the wait, and says so.
        #expect(await !reader.waitUntilFingerTaken(since: mark, limit: .milliseconds(200)))

        // Cancelled: nothing waits for that finger any more, so the presenter is let go.
        async let released = reader.waitUntilFingerTaken(since: mark, limit: .seconds(30))
        await reader.cancel()
        #expect(await released)
        _ = await enroll.result
        #expect(await reader.health == .ready)
    }
}
