import EnrollCore
import Foundation

/// The human summary `enrollctl status` prints.
enum StatusText {
    static func render(_ status: DaemonStatus) -> String {
        var lines = ["enrolld \(status.version): \(status.phase.rawValue), up \(duration(status.uptimeSeconds))"]
        let readers = status.devices.filter { $0.kind == .fingerprintReader }
        let cameras = status.devices.filter { $0.kind == .camera }
        let unwell = status.devices.filter { $0.health != .ready && $0.health != .busy }
        var devices = "Devices: \(readers.count) reader(s), \(cameras.count) camera(s)"
        if !unwell.isEmpty {
            devices += "; " + unwell.map { "\($0.name) is \($0.health.rawValue)" }.joined(separator: ", ")
        }
        lines.append(devices)
        if let accepting = status.accepting {
            lines.append("Accepting: " + (accepting ? "yes" : "no — \(status.refusal ?? "see `enrollctl queue` and the journal")"))
        }
        var queue = "Queue:   \(status.queue.depth) record(s), \(bytes(status.queue.bytes))"
        if let age = status.queue.oldestAgeSeconds { queue += ", oldest \(duration(age)) old" }
        lines.append(queue)
        var sync = "Sync:    \(status.sync.state.rawValue.replacingUnderscores)"
        if let error = status.sync.lastError { sync += " (last error: \(error))" }
        lines.append(sync)
        if let missing = status.sync.centralMissing {
            lines.append("         the central server lacks records \(missing.from)…\(missing.through) of this kiosk; "
                + (missing.resending ? "re-sending them"
                    : missing.lostHere == true ? "this kiosk's database lost them (accepted here): central IT must run `enroll-ingest accept-gap --after \(missing.through)`"
                    : "they are no longer here: central IT must restore a newer backup or run `enroll-ingest accept-gap`"))
        }
        if let resent = status.sync.resent, resent > 0 { lines.append("         \(resent) record(s) re-sent to a restored central server since start") }
        if let open = status.sessionOpen {
            lines.append("Session: " + (open ? "one open; a restart or upgrade now would end it" : "none open"))
        }
        if status.maintenance == true {
            lines.append("Maintenance: on (new enrollments held back; `enrollctl maintenance off` or a restart ends it)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds)
        let (days, hours, minutes, rest) = (total / 86400, total / 3600 % 24, total / 60 % 60, total % 60)
        if days > 0 { return "\(days) d \(hours) h" }
        if hours > 0 { return "\(hours) h \(minutes) min" }
        if minutes > 0 { return "\(minutes) min \(rest) s" }
        return "\(rest) s"
    }

    static func bytes(_ count: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(count)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 { value /= 1024; unit += 1 }
        return unit == 0 ? "\(count) B" : String(format: "%.1f %@", value, units[unit])
    }
}

private extension String {
    var replacingUnderscores: String { replacing("_", with: " ") }
}
