import ArgumentParser
import EnrollCore
import Ingest
import Logging

/// `enroll-ingest erase RECORD_ID…`: carries out a person's request to have their record
/// deleted (or removes an enrollment made in error) on the central receiver. The sealed
/// envelope is emptied; the record's place in its kiosk's chain and its hash stay, so the
/// chain still verifies and a kiosk sending it again is told it is already there.
struct EraseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase",
        abstract: "Erase stored records by record id (the envelope is emptied; chain position and hash stay).",
        discussion: """
            Then put the same ids on the removal list of the next gallery bundle, so every kiosk drops \
            their templates from its duplicate check. Exit status 0 when every id was erased or already \
            erased, 1 when one is not held here.
            """)

    @Argument(help: "Record ids (8-4-4-4-12 hex, as kiosks and receipts show them).") var recordIDs: [String]
    @Option(help: "Device registrations, to name each record's kiosk by its label.") var devices: String?
    @OptionGroup var storageOptions: StorageOptions

    func validate() throws {
        for text in recordIDs where RecordID(text) == nil {
            throw ValidationError("'\(text.prefix(64))' is not a record id (8-4-4-4-12 hex)")
        }
        if recordIDs.isEmpty { throw ValidationError("name at least one record id") }
    }

    func run() async throws {
        let logger = Logger(label: "enroll-ingest.erase")
        let registered = try devices.map { try RegisteredDevices(parsing: try RegistrationText(path: $0).read()) }
        let opened = try await OpenedStorage(storageOptions, logger: logger, mustExist: true)
        defer { opened.close() }
        let storage = opened.storage
        var missing = 0
        for text in recordIDs {
            guard let id = RecordID(text) else { continue }
            guard let erased = try await storage.erase(recordID: id.bytes) else {
                print("\(id): not held here")
                missing += 1
                continue
            }
            let label = registered?.device(deviceID: erased.deviceID)?.label
            let kiosk = (label?.isEmpty == false ? label! : Hex.encode(erased.deviceID))
            if erased.alreadyErased {
                print("\(id): already erased (kiosk \(kiosk), sequence \(erased.sequence))")
            } else {
                print("\(id): erased (kiosk \(kiosk), sequence \(erased.sequence)); its hash stays, so the chain still verifies")
                logger.notice("record erased", metadata: ["record_id": "\(id)", "device_id": "\(Hex.encode(erased.deviceID))", "sequence": "\(erased.sequence)"])
            }
        }
        if missing < recordIDs.count {
            print("Put the erased ids on the next gallery bundle's removal list; each kiosk purges its sealed copy itself within storage.retention_hours of the receipt.")
        }
        if missing > 0 { throw ExitCode(1) }
    }
}
