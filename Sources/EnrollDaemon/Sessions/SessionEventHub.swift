import Foundation
import Synchronization

/// Fans the session's live events out to every open `GET …/events` stream, as ready-made
/// server-sent event messages. Events carry no subject details.
final class SessionEventHub: Sendable {
    private let subscribers = Mutex<[UUID: AsyncStream<String>.Continuation]>([:])
    /// Each stream keeps only the newest messages if its reader falls behind.
    static let buffered = 32

    func subscribe(first: String) -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(Self.buffered))
        let id = UUID()
        continuation.yield(first)
        subscribers.withLock { $0[id] = continuation }
        // A comment line now and then keeps proxies and the browser from giving up.
        let keepAlive = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(15))
                if Task.isCancelled { break }
                continuation.yield(": keep-alive\n\n")
            }
        }
        continuation.onTermination = { [weak self] _ in
            keepAlive.cancel()
            _ = self?.subscribers.withLock { $0.removeValue(forKey: id) }
        }
        return stream
    }

    func publish(_ type: String, _ fields: [String: Any]) {
        let message = Self.message(type, fields)
        for continuation in subscribers.withLock({ Array($0.values) }) { continuation.yield(message) }
    }

    /// Sends the last message and closes every stream.
    func finish(_ type: String, _ fields: [String: Any]) {
        let message = Self.message(type, fields)
        let all = subscribers.withLock { current in
            defer { current = [:] }
            return Array(current.values)
        }
        for continuation in all {
            continuation.yield(message)
            continuation.finish()
        }
    }

    static func message(_ type: String, _ fields: [String: Any]) -> String {
        var object: [String: Any] = ["type": type]
        for (key, value) in fields { object[key] = value }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return "event: \(type)\ndata: \(String(decoding: data, as: UTF8.self))\n\n"
    }
}
