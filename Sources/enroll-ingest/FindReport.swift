import EnrollCore
import Foundation
import Ingest

/// `enroll-ingest find`'s answer per reference: lines for the central office, JSON for a
/// case-handling script. Several records for one short reference are all shown and called
/// ambiguous: the tool never picks one.
struct FindReport {
    struct Entry {
        let reference: RecordReference
        let records: [StoredRecord]
    }

    enum State: String, Encodable {
        case found, ambiguous, notFound = "not_found"
    }

    let entries: [Entry]
    /// Kiosk labels by device id (hex), from the registration file when given.
    let labels: [String: String]?

    static func state(_ entry: Entry) -> State {
        entry.records.isEmpty ? .notFound : entry.records.count == 1 ? .found : .ambiguous
    }

    /// 0 when every reference names exactly one record; 1 when one names none; else 2 (one
    /// names several).
    var exitStatus: Int32 {
        let states = entries.map(Self.state)
        if states.contains(.notFound) { return 1 }
        return states.contains(.ambiguous) ? 2 : 0
    }

    func kiosk(_ deviceID: [UInt8]) -> String {
        let hex = Hex.encode(deviceID)
        guard let labels else { return "device \(hex)" }
        guard let label = labels[hex] else { return "device \(hex) (not registered now)" }
        return label.isEmpty ? "device \(hex)" : "\(KioskReport.printable(label)) (device \(hex))"
    }

    func text() -> String {
        var lines: [String] = []
        for entry in entries {
            let count = entry.records.count
            switch Self.state(entry) {
            case .notFound:
                lines.append("\(entry.reference): no record held here")
            case .found:
                lines.append("\(entry.reference): 1 record")
            case .ambiguous:
                lines.append("\(entry.reference): AMBIGUOUS: \(count) records share this reference; tell them apart by the day the person "
                    + "was enrolled (created) and the kiosk, and act on none until it is certain which is theirs")
            }
            for record in entry.records {
                lines.append("  \(record.recordID)  \(record.erased ? "ERASED" : "held")  kiosk \(kiosk(record.deviceID))  chain position \(record.sequence)")
                lines.append("      created \(KioskReport.time(record.createdAt))  received \(KioskReport.time(record.receivedAt))")
            }
        }
        return lines.joined(separator: "\n")
    }

    struct JSONReport: Encodable {
        struct Record: Encodable {
            let record_id: String
            let device_id: String
            let kiosk_label: String?
            let kiosk_registered: Bool?
            let sequence: UInt64
            let created_at: String
            let received_at: String
            let received_at_ms: Int64
            let erased: Bool
        }
        struct Reference: Encodable {
            let reference: String
            let kind: String
            let state: State
            let records: [Record]
        }
        let references: [Reference]
    }

    func json() throws -> String {
        let report = JSONReport(references: entries.map { entry in
            let kind = if case .short = entry.reference { "short" } else { "record_id" }
            return JSONReport.Reference(reference: entry.reference.description, kind: kind, state: Self.state(entry), records: entry.records.map { record in
                let hex = Hex.encode(record.deviceID)
                return JSONReport.Record(
                    record_id: record.recordID.description, device_id: hex, kiosk_label: labels?[hex].flatMap { $0.isEmpty ? nil : $0 },
                    kiosk_registered: labels.map { $0[hex] != nil }, sequence: record.sequence, created_at: KioskReport.time(record.createdAt),
                    received_at: KioskReport.time(record.receivedAt), received_at_ms: record.receivedAt, erased: record.erased)
            })
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }
}
