import EnrollCore

/// Runs a camera test for `POST /v1/cameras/test`; the composition root implements it with
/// the camera adapter, so this target knows no camera code.
public protocol CameraTester: Sendable {
    /// Streams one camera as the request says. Throws `CameraTestUnavailable` when there is
    /// no such camera; other failures are reported inside the report.
    func test(_ request: CameraTestRequest) async throws -> CameraTestReport
}

/// No camera to test (none attached, or an unknown id).
public struct CameraTestUnavailable: Error, Sendable {
    /// A sentence for the technician.
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
}
