import EnrollCore
import Foundation
import Ingest

/// `enroll-ingest list`'s output: a table for people, JSON for monitoring scripts.
struct KioskReport {
    let kiosks: [KioskStatus]
    let registeredCount: Int
    let now: Int64
    let silentHours: Double

    static func time(_ milliseconds: Int64) -> String {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000).formatted(.iso8601)
    }

    /// Labels come from the registration file; control characters (a terminal escape
    /// sequence, say) are shown as "?" so a line cannot rewrite the operator's screen.
    static func printable(_ label: String) -> String {
        String(label.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : Character($0) })
    }

    static func words(_ state: KioskStatus.State) -> String {
        switch state {
        case .uploading: "uploading"
        case .silent: "SILENT"
        case .neverUploaded: "never uploaded"
        case .revoked: "revoked"
        }
    }

    func text() -> String {
        let labels = kiosks.map { $0.state == .revoked ? "(revoked)" : ($0.label.isEmpty ? "-" : Self.printable($0.label)) }
        let width = min(32, max(5, labels.map(\.count).max() ?? 0))
        func pad(_ text: String, _ width: Int) -> String { text.count >= width ? text : text + String(repeating: " ", count: width - text.count) }
        var lines = ["\(pad("DEVICE ID", 32))  \(pad("LABEL", width))  \(pad("HEAD", 10))  \(pad("AUDIT", 10))  \(pad("LAST RECORD (UTC)", 24))  STATE"]
        for (kiosk, label) in zip(kiosks, labels) {
            let last = kiosk.lastReceivedAt.map(Self.time) ?? "never"
            var state = Self.words(kiosk.state)
            // Later records of this kiosk are refused until the gap is closed: say so where
            // central IT looks, with the command that shows and acknowledges it.
            if let missing = kiosk.missing { state += ", GAP: records \(missing.lowerBound)…\(missing.upperBound) missing (enroll-ingest accept-gap)" }
            lines.append("\(Hex.encode(kiosk.deviceID))  \(pad(label, width))  \(pad("\(kiosk.headSequence)", 10))  \(pad("\(kiosk.auditHead)", 10))  \(pad(last, 24))  \(state)")
        }
        lines.append(summary())
        return lines.joined(separator: "\n")
    }

    func summary() -> String {
        let count = { (state: KioskStatus.State) in kiosks.filter { $0.state == state }.count }
        var text = "\(registeredCount) kiosk\(registeredCount == 1 ? "" : "s") registered: \(count(.uploading)) uploading, "
            + "\(count(.silent)) silent for over \(silentHours.formatted()) h, \(count(.neverUploaded)) never uploaded"
        let revoked = count(.revoked)
        if revoked > 0 { text += "; \(revoked) revoked kiosk\(revoked == 1 ? "" : "s") with records in storage" }
        let gaps = kiosks.filter { $0.missing != nil }.count
        if gaps > 0 { text += "; \(gaps) with a gap in its chain" }
        return text
    }

    struct JSONReport: Encodable {
        struct Kiosk: Encodable {
            let device_id: String
            let label: String
            let registered: Bool
            let state: KioskStatus.State
            let head_sequence: UInt64
            let last_received_at: String?
            let last_received_at_ms: Int64?
            /// The open gap's range, absent when none.
            let missing_from: UInt64?
            let missing_through: UInt64?
            /// The last audit entry held (0 before the first; `enroll-ingest audit` lists them).
            let audit_head: Int64
        }
        let generated_at: String
        let silent_after_hours: Double
        let registered: Int
        let kiosks: [Kiosk]
    }

    func json() throws -> String {
        let report = JSONReport(
            generated_at: Self.time(now), silent_after_hours: silentHours, registered: registeredCount,
            kiosks: kiosks.map {
                JSONReport.Kiosk(device_id: Hex.encode($0.deviceID), label: $0.label, registered: $0.state != .revoked, state: $0.state,
                                 head_sequence: $0.headSequence, last_received_at: $0.lastReceivedAt.map(Self.time), last_received_at_ms: $0.lastReceivedAt,
                                 missing_from: $0.missing?.lowerBound, missing_through: $0.missing?.upperBound, audit_head: $0.auditHead)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }
}
