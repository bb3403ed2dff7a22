import EnrollCore
import Foundation

/// `enroll-ingest audit`'s output: the entries and whether their chain holds. Actors are
/// operator ids or daemon roles, actions dotted verbs: no personal data to hide here.
struct AuditReport {
    let device: [UInt8]
    let name: String
    let entries: [AuditEntry]
    let problem: String?

    func text() -> String {
        var lines = entries.map { e in
            "\(e.seq)\t\(Self.time(e.at))\t\(e.actor)\t\(e.action)\t\(e.recordID.map { Hex.encode($0.bytes) } ?? "-")"
        }
        if let problem {
            lines.append("\(name): the audit chain does NOT hold: \(problem)")
        } else if let first = entries.first, let last = entries.last {
            lines.append("\(name): \(entries.count) audit entries \(first.seq)…\(last.seq), chain verified; head hash \(Hex.encode(last.hash))")
        } else {
            lines.append("\(name): no audit entries held here")
        }
        return lines.joined(separator: "\n")
    }

    func json() throws -> String {
        let object = JSONReport(
            deviceID: Hex.encode(device), verified: problem == nil, problem: problem,
            entries: entries.map(AuditBatch.WireEntry.init))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(object), as: UTF8.self)
    }

    /// Unix milliseconds as UTC, to the second.
    static func time(_ milliseconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }

    struct JSONReport: Encodable {
        let deviceID: String
        let verified: Bool
        let problem: String?
        let entries: [AuditBatch.WireEntry]
        enum CodingKeys: String, CodingKey { case deviceID = "device_id", verified, problem, entries }
    }
}
