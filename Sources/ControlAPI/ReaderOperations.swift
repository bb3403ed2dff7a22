import EnrollCore

/// Reader work the API offers technicians and the demo; the composition root implements
/// it over the fingerprint adapter, so this target knows no driver.
public protocol ReaderOperations: Sendable {
    /// Captures one image on `deviceID` (or the first reader) and reports on it.
    func selfTest(deviceID: String?, includeImage: Bool) async throws(ReaderRequestError) -> ReaderTestReport
    /// Closes `deviceID` (or the first reader), resets it at USB level and opens it again.
    func resetReader(deviceID: String?) async throws(ReaderRequestError) -> ReaderResetReport
    /// Demo only: puts `image` (PNG or TIFF bytes) on the virtual reader as a finger.
    func presentDemoFinger(_ image: [UInt8]) async throws(ReaderRequestError)
}

/// Why a reader request failed, with the HTTP status the API answers.
public struct ReaderRequestError: Error, Sendable, CustomStringConvertible {
    /// 404 no such reader or feature off, 409 busy / not waiting, 422 bad input, 503 reader unwell, 504 time-out.
    public let status: Int
    public let description: String

    public init(status: Int, _ description: String) {
        self.status = status
        self.description = description
    }
}
