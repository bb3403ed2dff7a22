import EnrollCore
import Metrics

/// What a centre's dashboards count per kiosk, from `/metrics`: how sessions end and how
/// long they take, how captures go (tries the checks rejected: failure to acquire), and what
/// committed records hold (fingers or the face recorded as exceptions, by reason: failure to
/// enrol; duplicate candidates found). A reader that needs cleaning shows as a rising share
/// of rejected finger tries long before anyone complains. Labels are fixed words (an
/// outcome, a modality, a reason), never an id, a detail or a score: nothing here can
/// identify anyone. Counters start at 0 with every daemon start, as Prometheus expects.
enum SessionMetrics {
    static let durationLabel = "enrolld_session_duration_seconds"
    /// From a refused consent (seconds) to a slow enrollment with a supervisor (a quarter hour).
    static let durationBuckets: [Duration] = [10, 30, 60, 120, 180, 300, 600, 900, 1800].map { .seconds($0) }

    enum Modality: String {
        case finger, face
    }

    /// A session ended: `committed`, or the abort reason (`consent_refused`, `cancelled`,
    /// `timed_out`, `duplicate_confirmed`, `daemon_stopping`).
    static func sessionEnded(_ outcome: String, milliseconds: Int64) {
        Counter(label: "enrolld_sessions_total", dimensions: [("outcome", outcome)]).increment()
        Timer(label: durationLabel, dimensions: [("outcome", outcome)])
            .recordMilliseconds(max(0, milliseconds))
    }

    /// One try at the reader or the camera: `accepted`, `rejected` (below the checks or the
    /// threshold) or `retry` (the reader asked for the finger again before any image).
    static func capture(_ modality: Modality, _ outcome: String) {
        Counter(label: "enrolld_captures_total", dimensions: [("modality", modality.rawValue), ("outcome", outcome)]).increment()
    }

    /// What a committed record holds: each finger and the face as `captured` or as its
    /// exception's reason, and whether the duplicate check found candidates.
    static func committed(_ summary: SessionSummary) {
        func count(_ modality: Modality, _ disposition: CaptureDisposition) {
            let result = switch disposition {
            case .captured: "captured"
            case .exception(let exception, _): exception.reason.rawValue
            }
            Counter(label: "enrolld_record_captures_total", dimensions: [("modality", modality.rawValue), ("result", result)]).increment()
        }
        for disposition in summary.fingers.values { count(.finger, disposition) }
        if let face = summary.face { count(.face, face) }
        Counter(label: "enrolld_record_duplicate_checks_total",
                dimensions: [("result", summary.duplicateCandidates.isEmpty ? "no_candidates" : "candidates")]).increment()
    }
}
