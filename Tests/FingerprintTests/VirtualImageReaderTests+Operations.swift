import EnrollCore
import EventLog
@testable import Fingerprint
import Foundation
import Imaging
import TestSupport
import Testing

/// libfprint's retry and error codes as the virtual driver's socket takes them.
enum LibfprintCode {
    static let retryTooShort: Int32 = 1
    static let errorProto: Int32 = 5
}

extension VirtualImageReaderTests {
    @Test func identifyOverAGallery() async throws {
        let (reader, feeder) = try await VirtualReader.reader()
        var gallery: [FingerprintTemplate] = []
        for finger: UInt64 in [21, 22, 23, 24] {
            let images = (0..<5).map { synthetic.image(finger: finger, impression: UInt64($0)) }
            gallery.append(try await VirtualReader.enroll(images, reader: reader, feeder: feeder).0)
        }
        async let found = reader.identify(gallery)
        try await VirtualReader.present(synthetic.image(finger: 23, impression: 9), on: reader, feeder: feeder)
        #expect(try await found == .match(index: 2))

        async let stranger = reader.identify(gallery)
        try await VirtualReader.present(synthetic.image(finger: 25, impression: 1), on: reader, feeder: feeder)
        #expect(try await stranger == .noMatch)
    }

    @Test func retryInjectedMidEnrollIsAnEventNotAnError() async throws {
        let (reader, feeder) = try await VirtualReader.reader()
        var images = (0..<5).map { synthetic.image(finger: 31, impression: UInt64($0)) }.makeIterator()
        var events: [EnrollEvent] = []
        var retried = false
        let stream = await reader.enroll(finger: .leftThumb)
        try await VirtualReader.present(try #require(images.next()), on: reader, feeder: feeder)
        enrolling: for try await event in stream {
            events.append(event)
            switch event {
            case .stagePassed(1, _) where !retried:
                retried = true
                try await VirtualReader.waitForFingerNeeded(reader)
                try feeder.retry(LibfprintCode.retryTooShort)
            case .stagePassed(let completed, let total) where completed < total:
                try await VirtualReader.present(try #require(images.next()), on: reader, feeder: feeder)
            case .retry:
                try await VirtualReader.present(try #require(images.next()), on: reader, feeder: feeder)
            case .completed:
                break enrolling
            default:
                break
            }
        }
        #expect(events.contains(.retry(.tooShort)))
        #expect(events.contains(.stagePassed(completed: 5, total: 5)))
        guard case .completed = events.last else {
            Issue.record("no template after the retry: \(events)")
            return
        }
        // A retry is not progress: stage 2 comes after it.
        let retryIndex = try #require(events.firstIndex(of: .retry(.tooShort)))
        let stageTwo = try #require(events.firstIndex(of: .stagePassed(completed: 2, total: 5)))
        #expect(retryIndex < stageTwo)
    }

    @Test func errorInjectedEndsTheOperationWithADeviceError() async throws {
        let (reader, feeder) = try await VirtualReader.reader()
        let capture = Task { () async throws(ReaderError) -> CaptureOutcome in try await reader.capture() }
        try await VirtualReader.waitForFingerNeeded(reader)
        try feeder.error(LibfprintCode.errorProto)
        switch await capture.result {
        case .success:
            Issue.record("the capture succeeded despite the injected error")
        case .failure(let error):
            #expect((error as? ReaderError)?.isDeviceFailure == true, "\(error)")
        }
        // One failure is not a failed reader.
        #expect(await reader.health == .ready)
    }

    @Test func fingerNeverPresentedTimesOut() async throws {
        let (reader, _) = try await VirtualReader.reader()
        let started = ContinuousClock.now
        await #expect(throws: ReaderError.timedOut()) { _ = try await reader.capture() }
        let waited = ContinuousClock.now - started
        #expect(waited >= VirtualReader.fingerTimeout && waited < VirtualReader.fingerTimeout + .seconds(3), "waited \(waited)")
        #expect(await reader.health == .ready)
    }

    @Test func cancellingTheTaskCancelsTheCapture() async throws {
        let (reader, feeder) = try await VirtualReader.reader()
        let capture = Task { try await reader.capture() }
        try await VirtualReader.waitForFingerNeeded(reader)
        let started = ContinuousClock.now
        capture.cancel()
        await #expect(throws: ReaderError.cancelled()) { _ = try await capture.value }
        #expect(ContinuousClock.now - started < .seconds(1))
        // The reader is usable right after.
        async let again = reader.capture()
        let image = synthetic.image(finger: 41, impression: 0)
        try await VirtualReader.present(image, on: reader, feeder: feeder)
        guard case .captured(let captured) = try await again else {
            Issue.record("no image after a cancel")
            return
        }
        #expect(captured.image.pixels == image.pixels)
    }

    @Test func cancelEndsAVerifyAndDroppingTheStreamEndsAnEnroll() async throws {
        let (reader, feeder) = try await VirtualReader.reader()
        let template = try await VirtualReader.enroll((0..<5).map { synthetic.image(finger: 51, impression: UInt64($0)) },
                                                      reader: reader, feeder: feeder).0
        let verify = Task { try await reader.verify(template) }
        try await VirtualReader.waitForFingerNeeded(reader)
        await reader.cancel()
        await #expect(throws: ReaderError.cancelled()) { _ = try await verify.value }

        // An enrollment whose listener goes away is cancelled, and the reader comes back.
        do {
            let stream = await reader.enroll(finger: .rightThumb)
            try await VirtualReader.present(synthetic.image(finger: 52, impression: 0), on: reader, feeder: feeder)
            for try await event in stream {
                if case .stagePassed = event { break }
            }
        }
        let deadline = ContinuousClock.now + .seconds(3)
        while await reader.health != .ready, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(await reader.health == .ready)
    }

    @Test func secondOperationWhileBusyIsRefusedAndTheFirstCompletes() async throws {
        let (reader, feeder) = try await VirtualReader.reader()
        async let first = reader.capture()
        try await VirtualReader.waitForFingerNeeded(reader)
        #expect(await reader.health == .busy)
        await #expect(throws: ReaderError.busy()) { _ = try await reader.capture() }
        let image = synthetic.image(finger: 61, impression: 2)
        try feeder.present(image)
        guard case .captured(let capture) = try await first else {
            Issue.record("the first capture did not finish")
            return
        }
        // What the sensor sent is what the capture holds, byte for byte, with its reader.
        #expect(capture.image.width == image.width && capture.image.height == image.height)
        #expect(capture.image.pixels == image.pixels)
        #expect(capture.image.pixelsPerInch == 500)
        #expect(capture.reader.driver == "virtual_image")
    }

    @Test func repeatedDeviceFailuresMarkTheReaderFailed() async throws {
        let (reader, feeder) = try await VirtualReader.reader()
        for attempt in 1...LibfprintReader.failuresBeforeFailed {
            let capture = Task { try await reader.capture() }
            try await VirtualReader.waitForFingerNeeded(reader)
            try feeder.error(LibfprintCode.errorProto)
            _ = await capture.result
            let expected: DeviceSummary.Health = attempt < LibfprintReader.failuresBeforeFailed ? .ready : .failed
            #expect(await reader.health == expected, "after failure \(attempt)")
        }
        let failed = VirtualReader.log.messages(withID: CatalogEvent.readerFailed.messageID)
        #expect(failed.count == 1 && failed[0].contains("failed 3 times in a row"), "\(failed)")
        // virtual_image is not on USB: there is no port to reset, and the entry says so.
        #expect(reader.usbLocation == nil)
        #expect(failed.first?.contains("not on USB, so it cannot be reset") == true, "\(failed)")
        #expect(VirtualReader.log.messages(withID: CatalogEvent.readerResetting.messageID).isEmpty)
        await #expect(throws: ReaderError.notSupported("")) { _ = try await reader.resetAtUSBLevel() }
        // A failed reader takes no work until it is re-plugged.
        await #expect(throws: ReaderError.device("")) { _ = try await reader.capture() }
        await reader.resetHealthForTesting()
    }
}
