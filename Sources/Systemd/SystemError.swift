#if canImport(Glibc)
import Glibc
#endif

/// A failed system call, with the call's name and `errno`.
public struct SystemError: Error, CustomStringConvertible, Sendable {
    /// The system call that failed, e.g. `sendto`.
    public let call: String
    /// The `errno` it left.
    public let errno: Int32

    public init(_ call: String, errno: Int32) {
        self.call = call
        self.errno = errno
    }

    public var description: String {
        "\(call): \(String(cString: strerror(errno))) (errno \(errno))"
    }
}

/// Runs a system call, retrying on `EINTR`, and turns `-1` into a typed error.
@discardableResult
func retryingEINTR<T: FixedWidthInteger>(_ call: String, _ body: () -> T) throws(SystemError) -> T {
    while true {
        let result = body()
        if result != -1 { return result }
        let code = Glibc.errno
        if code != EINTR { throw SystemError(call, errno: code) }
    }
}
