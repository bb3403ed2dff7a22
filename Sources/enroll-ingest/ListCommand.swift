import ArgumentParser
import EnrollCore
import Foundation
import Ingest
import IngestPostgres
import Logging

/// The kiosks as central IT watches them: each registered kiosk with the chain head the
/// receiver holds and when its newest record arrived, those that never uploaded or have
/// been silent too long, and kiosks with records in storage that are no longer registered.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Show the registered kiosks: chain head, last record, silent or never uploaded; revoked kiosks still in storage.",
        discussion: "Reads the registration file and the receiver's storage (the same --database or --postgres options as serve). Exit status 0 with the report, non-zero when either cannot be read.")

    @Option(help: "Registration file.") var devices: String
    @OptionGroup var storageOptions: StorageOptions
    @Option(name: .customLong("silent-hours"), help: "Report a kiosk as silent when its newest record is older than this.")
    var silentHours: Double = 24
    @Flag(help: "One JSON object, for monitoring scripts.") var json = false

    func validate() throws {
        guard silentHours.isFinite, silentHours > 0, silentHours <= 24 * 366 * 10 else {
            throw ValidationError("--silent-hours must be a positive number of hours (at most ten years)")
        }
    }

    func run() async throws {
        let registered = try readRegistrations()
        let inventory: any IngestInventory
        var pool: Task<Void, Never>?
        if let pg = try await storageOptions.postgresStorage(logger: Logger(label: "enroll-ingest")) {
            pool = Task { await pg.run() }
            inventory = pg
        } else {
            do { inventory = try SQLiteIngestInventory(path: storageOptions.database) } catch { throw ValidationFailure(error.message) }
        }
        defer { pool?.cancel() }
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let silentAfter = Int64(silentHours * 3_600_000)
        let stored: [StoredDevice]
        do { stored = try await inventory.storedDevices() } catch let error as IngestError { throw ValidationFailure(error.message) }
        let kiosks = KioskStatus.report(registered: registered.all, stored: stored, now: now, silentAfter: silentAfter)
        let report = KioskReport(kiosks: kiosks, registeredCount: registered.count, now: now, silentHours: silentHours)
        print(json ? try report.json() : report.text())
    }

    /// The registration file, which must exist here (`register` creates it; a report on a
    /// missing one would say "0 kiosks" and look fine).
    func readRegistrations() throws -> RegisteredDevices {
        let text: String
        do { text = try String(contentsOfFile: devices, encoding: .utf8) } catch {
            throw ValidationFailure("cannot read the registration file \(devices): \((error as NSError).localizedFailureReason ?? error.localizedDescription)")
        }
        do { return try RegisteredDevices(parsing: text) } catch {
            throw ValidationFailure("\(devices): \(error.message)")
        }
    }
}
