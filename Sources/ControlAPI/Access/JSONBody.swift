import Foundation
import Hummingbird

/// Reads a small JSON request body strictly: at most `limit` bytes (413), an object (400),
/// only the keys the operation takes (400), the right types (400).
enum JSONBody {
    static let limit = 16 << 10

    static func decode<T: Decodable>(_ type: T.Type, from request: Request, keys: Set<String>, limit: Int = limit) async throws(APIProblem) -> T {
        try decode(try await collect(request, limit: limit), keys: keys)
    }

    static func decode<T: Decodable>(_ bytes: Data, keys: Set<String>) throws(APIProblem) -> T {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: bytes, options: [])
        } catch {
            throw APIProblem.badRequest("The body is not valid JSON.")
        }
        guard let dictionary = object as? [String: Any] else { throw APIProblem.badRequest("The body must be a JSON object.") }
        if let unknown = dictionary.keys.sorted().first(where: { !keys.contains($0) }) {
            throw APIProblem.badRequest("Unknown field \"\(unknown.prefix(40))\"; this operation takes \(keys.sorted().joined(separator: ", ")).")
        }
        do {
            return try JSONDecoder().decode(T.self, from: bytes)
        } catch let DecodingError.keyNotFound(key, _) {
            throw APIProblem.badRequest("The field \"\(key.stringValue)\" is required.")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.dataCorrupted(context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw APIProblem.badRequest("The field \"\(field)\" has the wrong type or value.")
        } catch let DecodingError.valueNotFound(_, context) {
            throw APIProblem.badRequest("The field \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" must not be null.")
        } catch {
            throw APIProblem.badRequest("The body is not what this operation takes.")
        }
    }

    /// Like `decode`, for an operation whose body may be left out: nil when it is empty.
    static func decodeOptional<T: Decodable>(_ type: T.Type, from request: Request, keys: Set<String>) async throws(APIProblem) -> T? {
        let bytes = try await collect(request, limit: limit)
        guard !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else { return nil }
        return try decode(bytes, keys: keys)
    }

    /// The body bytes, or 413 past `limit`.
    static func collect(_ request: Request, limit: Int) async throws(APIProblem) -> Data {
        do {
            let buffer = try await request.body.collect(upTo: limit)
            return Data(buffer.readableBytesView)
        } catch {
            throw APIProblem(.contentTooLarge, "too_large", "The body is larger than \(limit) bytes.")
        }
    }
}
