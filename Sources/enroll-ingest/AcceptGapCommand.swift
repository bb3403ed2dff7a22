import ArgumentParser
import EnrollCore
import Foundation
import Ingest
import IngestPostgres
import Logging

/// `enroll-ingest accept-gap`: the central operator's explicit acknowledgement that records
/// of one kiosk are lost (the central database was restored from a backup older than them,
/// and the kiosk had purged its copies). The chain then resumes after `--after`, the next
/// record's previous hash taken on trust. Refused unless it names exactly the current gap.
struct AcceptGapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accept-gap",
        abstract: "Acknowledge that a kiosk's records are lost, so its chain resumes after them.",
        discussion: """
            Only after no backup holds the records (restore a newer backup, or PostgreSQL point-in-time \
            recovery, first: kiosks re-send what they still hold by themselves). Without --after, \
            shows the kiosk's current gap. Exit status 0 when acknowledged (or shown), 1 when refused.
            """)

    @Option(help: "Registration file, to find the kiosk.") var devices: String
    @Option(name: .customLong("device-id"), help: "The kiosk's device id, 32 hex digits.") var deviceID: String?
    @Option(help: "The label the kiosk was registered with.") var label: String?
    @Option(help: "The last missing sequence: the chain resumes after it (the kiosk's next record is one more).") var after: UInt64?
    @OptionGroup var storageOptions: StorageOptions

    func validate() throws {
        guard (deviceID == nil) != (label == nil) else { throw ValidationError("give exactly one of --device-id and --label") }
        if let deviceID, Hex.decode(deviceID)?.count != 16 { throw ValidationError("--device-id: expected 32 hex digits") }
    }

    func run() async throws {
        let device = try findDevice(try RegisteredDevices.load(path: devices))
        let logger = Logger(label: "enroll-ingest")
        let opened = try await OpenedStorage(storageOptions, logger: logger, mustExist: true)
        defer { opened.close() }
        let storage = opened.storage
        let name = RegistrationText.describe(device)
        guard let after else {
            if let gap = try await storage.currentGap(device: device.deviceID) {
                print("\(name): \(gap); to acknowledge the loss: accept-gap --after \(gap.nextSequence - 1)")
            } else {
                print("\(name): no gap (chain head \(try await storage.head(device: device.deviceID).sequence))")
            }
            return
        }
        let by = ProcessInfo.processInfo.environment["SUDO_USER"] ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown"
        do {
            let gap = try await storage.acceptGap(device: device.deviceID, after: after, at: Int64(Date().timeIntervalSince1970 * 1000), by: by)
            // The central operator's record: on the terminal and in the system log.
            let line = "\(name): records \(gap.missing.lowerBound)…\(gap.missing.upperBound) acknowledged as lost by \(by); "
                + "the chain resumes after \(after), the previous hash of record \(gap.nextSequence) taken on trust"
            print(line)
            logger.warning("\(line)")
        } catch let refusal as IngestError {
            FileHandle.standardError.write(Data("refused: \(name): \(refusal.message)\n".utf8))
            throw ExitCode(1)
        }
    }

    func findDevice(_ registered: RegisteredDevices) throws -> RegisteredDevices.Device {
        if let id = deviceID.flatMap(Hex.decode) {
            guard let device = registered.device(deviceID: id) else {
                throw ValidationFailure("no kiosk with device id \(Hex.encode(id)) is registered in \(devices)")
            }
            return device
        }
        let matches = registered.all.filter { $0.label == label }
        guard matches.count == 1 else {
            throw ValidationFailure(matches.isEmpty ? "no kiosk labelled \(label ?? "") is registered in \(devices)"
                                                    : "\(matches.count) kiosks are labelled \(label ?? ""); give --device-id")
        }
        return matches[0]
    }
}
