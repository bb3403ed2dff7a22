import EnrollCore
import Metrics

/// `enrolld_devices{kind,health}`: how many readers and cameras are in each health state,
/// so a fleet dashboard shows a cooling or failed reader without reading the journal.
struct DeviceMetrics {
    private var gauges: [String: Gauge] = [:]

    /// Sets every (kind, health) gauge from the current device list; combinations that
    /// emptied go to zero rather than keeping their last count.
    mutating func record(_ devices: [DeviceSummary]) {
        var counts: [String: Int] = [:]
        for kind in [DeviceSummary.Kind.fingerprintReader, .camera] {
            for health in [DeviceSummary.Health.ready, .busy, .cooling, .removed, .failed] {
                counts[key(kind, health)] = 0
            }
        }
        for device in devices { counts[key(device.kind, device.health), default: 0] += 1 }
        for (key, count) in counts {
            let gauge = gauges[key] ?? makeGauge(key)
            gauges[key] = gauge
            gauge.record(count)
        }
    }

    /// `enrolld_device_removals_total{kind}`: a kiosk whose count climbs has a loose cable
    /// or a failing port or hub, which a dashboard shows across the fleet.
    func countRemoval(_ kind: DeviceSummary.Kind) {
        Counter(label: "enrolld_device_removals_total", dimensions: [("kind", kind.rawValue)]).increment()
    }

    private func key(_ kind: DeviceSummary.Kind, _ health: DeviceSummary.Health) -> String {
        kind.rawValue + "/" + health.rawValue
    }

    private func makeGauge(_ key: String) -> Gauge {
        let parts = key.split(separator: "/")
        return Gauge(label: "enrolld_devices", dimensions: [("kind", String(parts[0])), ("health", String(parts[1]))])
    }
}
