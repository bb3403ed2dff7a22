/// Why a key could not be loaded, created or parsed, or a record could not be sealed.
public struct TrustError: Error, CustomStringConvertible {
    private enum Code {
        case keyFile(path: String, detail: String)
        case invalidKey(name: String, detail: String)
        case sealing(String)
    }

    private let code: Code

    private init(_ code: Code) { self.code = code }

    /// A key file could not be read or written (the path, never the key, is named).
    public static func keyFile(_ path: String, _ detail: String) -> TrustError { .init(.keyFile(path: path, detail: detail)) }
    /// A configured key is not a valid key of its kind.
    public static func invalidKey(_ name: String, _ detail: String) -> TrustError { .init(.invalidKey(name: name, detail: detail)) }
    /// HPKE or signing failed.
    public static func sealing(_ detail: String) -> TrustError { .init(.sealing(detail)) }

    public var description: String {
        switch code {
        case .keyFile(let path, let detail): "key file \(path): \(detail)"
        case .invalidKey(let name, let detail): "\(name): \(detail)"
        case .sealing(let detail): "cannot seal the record: \(detail)"
        }
    }
}
