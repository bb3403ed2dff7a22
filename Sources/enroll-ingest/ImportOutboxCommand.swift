import ArgumentParser
import EnrollCore
import Foundation
import Ingest
import IngestPostgres
import Logging

/// `enroll-ingest import-outbox FILE`: the records of a kiosk's outbox database, imported
/// as if the kiosk had uploaded them (same checks: registered device, signatures, chain,
/// exactly once). For a kiosk that cannot upload any more: its database was kept aside as
/// damaged, or the kiosk died and its disk was read elsewhere. Records the receiver already
/// holds count as "already there"; nothing is deleted from the file.
struct ImportOutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-outbox",
        abstract: "Import the records of a kiosk's outbox database (enrolld.sqlite, e.g. from its damaged/ folder).",
        discussion: "Exit status 0 when every record was read and stored or already there, 1 otherwise.")

    @Argument(help: "The kiosk's enrolld.sqlite (a copy; it is only read).") var outbox: String
    @Option(help: "Device registrations, as for serve.") var devices: String
    @Option(name: .customLong("receipt-key"), help: "Receipt signing key, as for serve (receipts are made but not needed here).") var receiptKey: String
    @Option(name: .customLong("open-key"), help: "Central sealing private key: also open every record and check its inner signature (repeat it for several).")
    var openKeys: [String] = []
    @OptionGroup var storageOptions: StorageOptions
    @Option(name: .customLong("batch"), help: "Records per batch (1-1000).") var batch = 50

    func run() async throws {
        guard (1...RecordBatch.maximumCount).contains(batch) else { throw ValidationError("--batch must be 1-\(RecordBatch.maximumCount)") }
        let read = try OutboxReader.read(path: outbox)
        let registered = try RegisteredDevices.load(path: devices)
        let storage: any IngestStorage
        var postgresTask: Task<Void, Never>?
        if let pg = try await storageOptions.postgresStorage(logger: Logger(label: "enroll-ingest")) {
            postgresTask = Task { await pg.run() }
            try await pg.migrate()
            storage = pg
        } else {
            storage = try SQLiteIngestStorage(path: storageOptions.database)
        }
        defer { postgresTask?.cancel() }
        let ingestor = RecordIngestor(storage: storage, devices: registered, receiptKey: try ServerKeys.receiptKey(receiptKey),
                                      openKeys: try openKeys.map(ServerKeys.sealingKey))
        var tally = ImportTally()
        for chunk in stride(from: 0, to: read.envelopes.count, by: batch).map({ Array(read.envelopes[$0..<min($0 + batch, read.envelopes.count)]) }) {
            guard let first = chunk.first, let envelope = try? RecordEnvelope(decoding: first) else {
                tally.unreadable += chunk.count
                continue
            }
            guard let device = registered.device(deviceID: envelope.deviceID) else {
                throw ValidationError("the outbox's device \(Hex.encode(envelope.deviceID)) is not registered in \(devices)")
            }
            let reply = try await ingestor.ingest(body: RecordBatch.encode(chunk), from: device, now: Int64(Date().timeIntervalSince1970 * 1000))
            tally.add(reply)
        }
        print(tally.summary(file: outbox, read: read.envelopes.count, stopped: read.stopped))
        if read.stopped != nil || !tally.complete { throw ExitCode(1) }
    }
}

/// What an import did, for its one-paragraph report.
struct ImportTally {
    var stored = 0
    var alreadyThere = 0
    var rejected = 0
    var unreadable = 0
    var firstRejection: String?

    var complete: Bool { rejected == 0 && unreadable == 0 }

    mutating func add(_ reply: IngestReply) {
        for result in reply.results {
            switch result.status {
            case .stored: stored += 1
            case .duplicate: alreadyThere += 1
            case .rejected:
                rejected += 1
                if firstRejection == nil { firstRejection = "sequence \(result.sequence): \(result.error ?? "?")" }
            }
        }
    }

    func summary(file: String, read: Int, stopped: String?) -> String {
        var lines = ["\(file): \(read) records read; \(stored) stored, \(alreadyThere) already there, \(rejected) rejected"
            + (unreadable > 0 ? ", \(unreadable) unreadable" : "")]
        if let firstRejection { lines.append("first rejection: \(firstRejection)") }
        if let stopped { lines.append(stopped) }
        return lines.joined(separator: "\n")
    }
}
