import EnrollCore
import Foundation

/// The raw baseline: one curl process posting the uploader's batches, byte for byte, to a
/// fresh receiver over the same mutual TLS, one `--next` section per batch on one
/// connection. It is checked afterwards, outside the timing, so a fast but refused upload
/// can never pass for a baseline.
struct CurlBaseline {
    /// One file per batch: the framed body the uploader sends for the same records.
    let bodies: [String]
    let responses: URL
    let pki: String

    /// Printed by curl per transfer (`-w`): the HTTP status and how many new connections
    /// the transfer opened (0 when it reused the previous one).
    static let writeOut = "%{http_code} %{num_connects}\\n"

    func response(_ index: Int) -> String { responses.appendingPathComponent("\(index).json").path }

    func arguments(port: Int) -> [String] {
        var arguments: [String] = []
        for (index, path) in bodies.enumerated() {
            if !arguments.isEmpty { arguments.append("--next") }
            arguments += [
                "-sS", "--fail", "-o", response(index), "-w", Self.writeOut,
                "--cacert", pki + "/ca.pem", "--cert", pki + "/kiosk.pem", "--key", pki + "/kiosk.key",
                "-H", "Content-Type: \(RecordBatch.mediaType)",
                // curl sends "Expect: 100-continue" for bodies over 1 MiB and then waits up
                // to a second for an interim answer that Hummingbird never sends; the
                // uploader does not wait, so neither may the baseline.
                "-H", "Expect:",
                "--data-binary", "@" + path, "https://127.0.0.1:\(port)/v1/records",
            ]
        }
        return arguments
    }

    /// Every transfer answered 200, every record stored, in sequence 1…`count`; returns the
    /// number of TLS connections curl opened.
    func verify(writeOut: String, count: Int) throws -> Int {
        let lines = writeOut.split(separator: "\n")
        guard lines.count == bodies.count else { throw BenchFailure("curl reported \(lines.count) of \(bodies.count) transfers") }
        var connections = 0
        for line in lines {
            let fields = line.split(separator: " ")
            guard fields.count == 2, fields[0] == "200", let opened = Int(fields[1]) else { throw BenchFailure("curl transfer: \(line)") }
            connections += opened
        }
        var next: UInt64 = 1
        for index in bodies.indices {
            let reply = try JSONDecoder().decode(IngestReply.self, from: Data(contentsOf: URL(fileURLWithPath: response(index))))
            for result in reply.results {
                guard result.status == .stored, result.sequence == next else {
                    throw BenchFailure("baseline receiver: sequence \(result.sequence) \(result.status.rawValue) \(result.error ?? ""), expected \(next) stored")
                }
                next += 1
            }
        }
        guard next == UInt64(count) + 1 else { throw BenchFailure("baseline receiver stored \(next - 1) of \(count) records") }
        return connections
    }
}
