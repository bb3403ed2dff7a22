import ControlAPI
import EnrollCore
import Fingerprint
import Foundation
import Imaging

/// The API's reader operations over libfprint: the technician's self-test and the demo's
/// "present a finger".
struct FingerprintReaderOperations: ReaderOperations {
    let source: LibfprintDeviceSource
    /// The virtual reader's socket when the demo runs; nil with real readers.
    let virtualImageSocket: String?

    func selfTest(deviceID: String?, includeImage: Bool) async throws(ReaderRequestError) -> ReaderTestReport {
        let reader = try await pick(deviceID)
        let outcome: ReaderSelfTestOutcome
        do {
            outcome = try await reader.selfTest()
        } catch {
            throw Self.requestError(error)
        }
        let identity = reader.identity
        switch outcome {
        case .retry(let reason):
            return ReaderTestReport(outcome: "retry", deviceID: identity.registryID, driver: identity.driver, name: identity.name,
                                    scanType: identity.scanType.rawValue, width: 0, height: 0, pixelsPerInch: 0,
                                    captureMilliseconds: 0, minutiaeCount: 0, retryReason: reason.rawValue)
        case .passed(let test):
            let image = test.capture.image
            return ReaderTestReport(
                outcome: "passed", deviceID: identity.registryID, driver: identity.driver, name: identity.name,
                scanType: identity.scanType.rawValue, width: image.width, height: image.height, pixelsPerInch: image.pixelsPerInch,
                captureMilliseconds: Int((test.captureSeconds * 1000).rounded()), minutiaeCount: test.minutiaeCount,
                pngBase64: includeImage ? Data(PNG.encode(image)).base64EncodedString() : nil)
        }
    }

    func resetReader(deviceID: String?) async throws(ReaderRequestError) -> ReaderResetReport {
        let reader = try await pick(deviceID)
        let location: USBLocation
        do {
            location = try await reader.resetAtUSBLevel()
        } catch {
            throw Self.requestError(error)
        }
        let identity = reader.identity
        return ReaderResetReport(deviceID: identity.registryID, driver: identity.driver, name: identity.name,
                                 usb: location.description, health: await reader.health)
    }

    func presentDemoFinger(_ bytes: [UInt8]) async throws(ReaderRequestError) {
        guard let socket = virtualImageSocket else {
            throw ReaderRequestError(status: 404, "no demo reader: set fingerprint.virtual_image_socket to use one")
        }
        let image: FingerprintImage
        do {
            image = try ImageFile.gray(bytes)
        } catch {
            throw ReaderRequestError(status: 422, "the image could not be read: \(error)")
        }
        guard let reader = await source.readers().first else { throw ReaderRequestError(status: 404, "the demo reader is not present") }
        // libfprint logs a CRITICAL and drops the image if no operation waits for a finger.
        guard let mark = await reader.fingerWaitMark() else {
            throw ReaderRequestError(status: 409, "the reader is not waiting for a finger; start an enrollment or `enrollctl reader test` first")
        }
        do {
            try VirtualImageFeeder(socketPath: socket).present(image)
        } catch {
            throw ReaderRequestError(status: 503, error.description)
        }
        // Answer once the reader has the image, so a caller can present the next one as
        // soon as the reader asks again instead of guessing how long reading takes.
        let taken = await reader.waitUntilFingerTaken(since: mark, limit: Self.handoverLimit)
        guard taken else {
            throw ReaderRequestError(status: 504, "the reader did not take the image within \(Self.handoverLimit)")
        }
    }

    /// How long the demo waits for the reader to take an image (enrollctl gives up after 10 s).
    static let handoverLimit = Duration.seconds(5)

    private func pick(_ deviceID: String?) async throws(ReaderRequestError) -> LibfprintReader {
        if let deviceID {
            guard let reader = await source.reader(id: deviceID) else { throw ReaderRequestError(status: 404, "no reader \(deviceID); see `enrollctl devices`") }
            return reader
        }
        guard let reader = await source.readers().first else { throw ReaderRequestError(status: 404, "no fingerprint reader is connected") }
        return reader
    }

    static func requestError(_ error: ReaderError) -> ReaderRequestError {
        if error.isBusy { return ReaderRequestError(status: 409, error.description) }
        if error.isTimedOut { return ReaderRequestError(status: 504, error.description) }
        if error.isNotSupported { return ReaderRequestError(status: 422, error.description) }
        return ReaderRequestError(status: 503, error.description)
    }
}
