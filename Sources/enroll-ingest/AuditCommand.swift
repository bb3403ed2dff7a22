import ArgumentParser
import EnrollCore
import Foundation
import Ingest
import IngestPostgres
import Logging

/// `enroll-ingest audit`: one kiosk's audit log as the receiver holds it, with the chain
/// checked (every hash recomputed, every link followed): what central IT and the
/// data-protection officer read, also for a kiosk that was stolen, wiped or revoked.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "List a kiosk's audit entries held centrally and check their chain.",
        discussion: """
            Give the kiosk by --label (with --devices), or by --device-id or --device-key, which also work \
            for a kiosk no longer registered (revoked). Reads the storage as serve writes it (--database or \
            --postgres …) and never creates a database. Exit status 0 when the chain holds, 1 when it does not, \
            non-zero with a message when the storage cannot be read.
            """)

    @Option(help: "Registration file, to find the kiosk by --label.") var devices: String?
    @Option(help: "The label the kiosk was registered with.") var label: String?
    @Option(name: .customLong("device-id"), help: "The kiosk's device id, 32 hex digits.") var deviceID: String?
    @Option(name: .customLong("device-key"), help: "The kiosk's device public key, 64 hex digits (as `register` took it).") var deviceKey: String?
    @Option(help: "List the entries after this seq.") var after: Int64 = 0
    @Option(help: "At most this many entries.") var limit: Int = 1000
    @OptionGroup var storageOptions: StorageOptions
    @Flag(help: "One JSON object, for scripts.") var json = false

    static let maximumLimit = 1_000_000

    func validate() throws {
        guard [label, deviceID, deviceKey].compactMap({ $0 }).count == 1 else {
            throw ValidationError("give exactly one of --label, --device-id and --device-key")
        }
        if label != nil, devices == nil { throw ValidationError("--label needs --devices, the registration file") }
        if let deviceID, Hex.decode(deviceID)?.count != 16 { throw ValidationError("--device-id: expected 32 hex digits") }
        if let deviceKey, Hex.decode(deviceKey)?.count != 32 { throw ValidationError("--device-key: expected 64 hex digits") }
        guard after >= 0 else { throw ValidationError("--after must be 0 or more") }
        guard (1...Self.maximumLimit).contains(limit) else { throw ValidationError("--limit must be between 1 and \(Self.maximumLimit)") }
    }

    func run() async throws {
        let (device, name) = try findDevice()
        let logger = Logger(label: "enroll-ingest")
        let reader: any AuditReading
        var pool: Task<Void, Never>?
        if let pg = try await storageOptions.postgresStorage(logger: logger) {
            pool = Task { await pg.run() }
            reader = pg
        } else {
            do { reader = try SQLiteAuditLookup(path: storageOptions.database) } catch { throw ValidationFailure(error.message) }
        }
        defer { pool?.cancel() }
        // The entry before the first listed, to check the first link too.
        var previous = AuditHead.genesis
        let entries: [AuditEntry]
        do {
            if after > 0 {
                guard let entry = try await reader.auditEntries(device: device, after: after - 1, limit: 1).first, entry.seq == after else {
                    throw ValidationFailure("\(name): no audit entry \(after) is held; list from an earlier one")
                }
                previous = AuditHead(seq: entry.seq, hash: entry.hash)
            }
            entries = try await reader.auditEntries(device: device, after: after, limit: limit)
        } catch let error as IngestError {
            throw ValidationFailure(error.message)
        }
        var problem: String?
        do { try AuditChain.verify(entries, continuing: previous, digest: AuditIngestor.digest) } catch { problem = error.description }
        let report = AuditReport(device: device, name: name, entries: entries, problem: problem)
        print(json ? try report.json() : report.text())
        if problem != nil { throw ExitCode(1) }
    }

    /// The device id asked for, and how to name the kiosk in the report.
    func findDevice() throws -> (id: [UInt8], name: String) {
        if let deviceKey, let key = Hex.decode(deviceKey) {
            let id = RegisteredDevices.deviceID(of: key)
            return (id, "device \(Hex.encode(id))")
        }
        if let deviceID, let id = Hex.decode(deviceID) { return (id, "device \(Hex.encode(id))") }
        let registered: RegisteredDevices
        do { registered = try RegisteredDevices.load(path: devices ?? "") } catch {
            throw ValidationFailure("cannot read the registration file \(devices ?? ""): \(error)")
        }
        let matches = registered.all.filter { $0.label == label }
        guard matches.count == 1 else {
            throw ValidationFailure(matches.isEmpty ? "no kiosk labelled \(label ?? "") is registered in \(devices ?? "")"
                                                    : "\(matches.count) kiosks are labelled \(label ?? ""); give --device-id")
        }
        return (matches[0].deviceID, RegistrationText.describe(matches[0]))
    }
}
