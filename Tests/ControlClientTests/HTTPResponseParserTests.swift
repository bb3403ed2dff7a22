import Testing
@testable import ControlClient

/// Good, broken, truncated, oversized and hostile responses.
@Suite struct HTTPResponseParserTests {
    let parser = HTTPResponseParser()

    func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func contentLengthBody() throws {
        let response = try parser.parse(bytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"))
        #expect(response.status == 200)
        #expect(response.reason == "OK")
        #expect(response.headers["content-type"] == "application/json")
        #expect(response.body == bytes("{}"))
    }

    @Test func chunkedBody() throws {
        let response = try parser.parse(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\n\r\n"))
        #expect(response.body == bytes("abcde"))
    }

    @Test func bodyToEndOfStream() throws {
        let response = try parser.parse(bytes("HTTP/1.0 503 Service Unavailable\r\n\r\ngone"))
        #expect(response.status == 503)
        #expect(response.body == bytes("gone"))
    }

    @Test(arguments: [
        ("", "empty response"),
        ("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n", "truncated response: headers do not end"),
        ("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", "truncated response: 5 of 10 body bytes"),
        ("SSH-2.0-OpenSSH_9.2\r\n\r\n", "not an HTTP response (status line \"SSH-2.0-OpenSSH_9.2\")"),
        ("HTTP/1.1 2000 OK\r\n\r\n", "not an HTTP response (status line \"HTTP/1.1 2000 OK\")"),
        ("HTTP/1.1 099 Low\r\n\r\n", "not an HTTP response (status line \"HTTP/1.1 099 Low\")"),
        ("HTTP/2 200\r\n\r\n", "not an HTTP response (status line \"HTTP/2 200\")"),
        ("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "malformed header line"),
        ("HTTP/1.1 200 OK\r\n: empty name\r\n\r\n", "malformed header line"),
        ("HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n", "malformed header name"),
        ("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "invalid Content-Length \"-1\""),
        ("HTTP/1.1 200 OK\r\nContent-Length: lots\r\n\r\n", "invalid Content-Length \"lots\""),
        ("HTTP/1.1 200 OK\r\nContent-Length: 99999999999\r\n\r\n", "response body of 99999999999 bytes exceeds 16777216"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "malformed chunk size \"zz\""),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", "truncated chunk"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabXY0\r\n\r\n", "chunk not followed by CRLF"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", "truncated or malformed chunk size"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFF\r\n", "malformed chunk size \"FFFFFFFFFFFFFFFFF\""),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n7FFFFFFFFFFFFFFF\r\n", "response body exceeds 16777216 bytes"),
    ])
    func refused(_ input: String, _ reason: String) {
        #expect(throws: HTTPResponseParser.Failure(reason)) { try parser.parse(bytes(input)) }
    }

    @Test func oversizedHeadersAreRefused() {
        let huge = "HTTP/1.1 200 OK\r\nX: " + String(repeating: "a", count: 70_000) + "\r\n\r\n"
        #expect(throws: HTTPResponseParser.Failure("response headers exceed 65536 bytes")) { try parser.parse(bytes(huge)) }
    }

    @Test func invalidUTF8HeadersAreRefused() {
        #expect(throws: HTTPResponseParser.Failure("response headers are not UTF-8")) {
            try parser.parse(bytes("HTTP/1.1 200 OK\r\nX: ") + [0xFF, 0xFE] + bytes("\r\n\r\n"))
        }
    }

    /// Every prefix of a valid response is either refused with a reason or parsed: never a crash.
    @Test func everyTruncationIsHandled() {
        let whole = bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n0\r\n\r\n")
        for length in 0..<whole.count {
            _ = try? parser.parse(Array(whole.prefix(length)))
        }
        #expect((try? parser.parse(whole))?.body == bytes("abcd"))
    }

    /// Random bytes after a valid status line: the parser answers or refuses, never traps.
    @Test func randomGarbageNeverTraps() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let length = Int.random(in: 0..<200, using: &generator)
            let noise = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let framed = bytes("HTTP/1.1 200 OK\r\n") + noise
            _ = try? parser.parse(noise)
            _ = try? parser.parse(framed)
        }
    }
}

extension HTTPResponseParser.Failure {
    init(_ text: String) { self = .init(description: text) }
}
