import EnrollCore
import Foundation
import Store
import Trust

/// `enrolld --accept-lost-records N`: the technician's way forward once a database that
/// lost committed records (catalog `recordsLostFromDatabase`) has been investigated and no
/// copy holds them. Runs with enrolld stopped: it takes the state directory's lock, as the
/// daemon does, so it cannot write beside a running daemon. The chain then continues after
/// N (`RecordStore.acceptLostRecords`), and the central server sees what it never received
/// as a gap that central IT acknowledges with `enroll-ingest accept-gap`, the existing
/// remedy for records lost centrally; nothing else changes.
public enum LostRecordsAcceptance {
    /// What happened, for the technician's terminal; throws with the reason when nothing changed.
    public static func run(stateDirectory path: String, through: UInt64, now: Int64) throws -> String {
        let state: StateDirectory
        do { state = try StateDirectory(path: path) } catch {
            throw Failure("\(error) (stop enrolld first: systemctl stop enrolld)")
        }
        guard FileManager.default.fileExists(atPath: state.path + "/" + DeviceKey.fileName),
              FileManager.default.fileExists(atPath: state.path + "/" + RecordStore.fileName) else {
            throw Failure("\(state.path) holds no device key and record database: nothing to accept")
        }
        let store: RecordStore
        let loss: AcceptedLoss
        do {
            let key = try DeviceKey.loadOrCreate(in: state.path)
            // Limits do not matter here: nothing is appended.
            store = try RecordStore.open(directory: state.path, limits: .init(maximumQueueBytes: .max, minimumFreeBytes: 0, retentionMilliseconds: .max))
            loss = try store.acceptLostRecords(through: through, deviceID: key.deviceID, now: now)
        } catch {
            throw Failure("nothing changed: \(error)")
        }
        let finding = WitnessFinding.recordsLost(lost: loss.lost, databaseHead: loss.lost.lowerBound - 1, receiptedThrough: loss.receiptedThrough)
        var text = "Accepted: \(finding).\nThe chain continues at \(through + 1), chained to the last lost record.\n"
        if let missing = finding.unreceiptedLost {
            text += "Central IT: the server will report records \(missing.lowerBound)…\(missing.upperBound) of this kiosk missing; "
                + "acknowledge them with `enroll-ingest accept-gap --after \(missing.upperBound)` once it does "
                + "(at this kiosk's next upload). Until then the kiosk's new records wait in its queue; `enrollctl sync` shows the range.\n"
        }
        return text
    }

    /// Why nothing was accepted.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }
}
