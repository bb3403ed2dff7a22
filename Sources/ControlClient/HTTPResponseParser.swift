/// Parses one HTTP/1.1 response from the bytes of a connection the client closed for
/// writing (`Connection: close`). Strict and bounded: the daemon is trusted, but a wrong
/// socket path may lead to any program, and the CLI must fail with a sentence, not hang
/// or crash.
public struct HTTPResponseParser: Sendable {
    /// Limits on what is accepted.
    public var maximumHeaderBytes = 64 * 1024
    public var maximumBodyBytes = 16 * 1024 * 1024

    public init() {}

    /// Why a response was refused.
    public struct Failure: Error, Equatable, CustomStringConvertible, Sendable {
        public let description: String
        init(description: String) { self.description = description }
        init(_ description: String) { self.description = description }
    }

    /// Parses `bytes`, the whole stream up to the peer's close.
    public func parse(_ bytes: [UInt8]) throws(Failure) -> HTTPResponse {
        guard let headerEnd = Self.find([13, 10, 13, 10], in: bytes, limit: maximumHeaderBytes + 4) else {
            throw bytes.count > maximumHeaderBytes
                ? Failure("response headers exceed \(maximumHeaderBytes) bytes")
                : Failure(bytes.isEmpty ? "empty response" : "truncated response: headers do not end")
        }
        guard let head = String(validating: bytes[..<headerEnd], as: UTF8.self) else { throw Failure("response headers are not UTF-8") }
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        let statusLine = lines.removeFirst()
        let (status, reason) = try Self.statusLine(statusLine)
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else { throw Failure("malformed header line") }
            let name = line[..<colon].lowercased()
            guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else { throw Failure("malformed header name") }
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: " \t")
        }
        let rest = Array(bytes[(headerEnd + 4)...])
        let body: [UInt8]
        if headers["transfer-encoding"]?.lowercased() == "chunked" {
            body = try dechunk(rest)
        } else if let lengthText = headers["content-length"] {
            guard let length = Int(lengthText), length >= 0 else { throw Failure("invalid Content-Length \"\(lengthText)\"") }
            guard length <= maximumBodyBytes else { throw Failure("response body of \(length) bytes exceeds \(maximumBodyBytes)") }
            guard rest.count >= length else { throw Failure("truncated response: \(rest.count) of \(length) body bytes") }
            body = Array(rest.prefix(length))
        } else {
            guard rest.count <= maximumBodyBytes else { throw Failure("response body exceeds \(maximumBodyBytes) bytes") }
            body = rest
        }
        return HTTPResponse(status: status, reason: reason, headers: headers, body: body)
    }

    private static func statusLine(_ line: Substring) throws(Failure) -> (Int, String) {
        let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0] == "HTTP/1.1" || parts[0] == "HTTP/1.0",
              parts[1].count == 3, let status = Int(parts[1]), (100...599).contains(status)
        else { throw Failure("not an HTTP response (status line \"\(line.prefix(40))\")") }
        return (status, parts.count > 2 ? String(parts[2]) : "")
    }

    private func dechunk(_ bytes: [UInt8]) throws(Failure) -> [UInt8] {
        var body: [UInt8] = []
        var index = 0
        while true {
            guard let lineEnd = Self.find([13, 10], in: bytes[index...], limit: 64) else { throw Failure("truncated or malformed chunk size") }
            let sizeText = String(decoding: bytes[index..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: " "), radix: 16), size >= 0 else {
                throw Failure("malformed chunk size \"\(sizeText.prefix(20))\"")
            }
            index = lineEnd + 2
            if size == 0 { return body }
            guard size <= maximumBodyBytes - body.count else { throw Failure("response body exceeds \(maximumBodyBytes) bytes") }
            guard bytes.count - index >= size + 2 else { throw Failure("truncated chunk") }
            body += bytes[index..<(index + size)]
            guard bytes[index + size] == 13, bytes[index + size + 1] == 10 else { throw Failure("chunk not followed by CRLF") }
            index += size + 2
        }
    }

    /// The index where `pattern` starts in `bytes`, searching no further than `limit` bytes.
    static func find(_ pattern: [UInt8], in bytes: ArraySlice<UInt8>, limit: Int) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        let last = min(bytes.endIndex - pattern.count, bytes.startIndex + limit - pattern.count)
        guard last >= bytes.startIndex else { return nil }
        for start in bytes.startIndex...last where bytes[start] == pattern[0] {
            if bytes[start..<(start + pattern.count)].elementsEqual(pattern) { return start }
        }
        return nil
    }

    static func find(_ pattern: [UInt8], in bytes: [UInt8], limit: Int) -> Int? {
        find(pattern, in: bytes[...], limit: limit)
    }
}

private extension Substring {
    func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
