import ArgumentParser
import EnrollCore
import Foundation
import Ingest
import Logging

/// `enroll-ingest export RECORD_ID --sealing-key FILE --out DIR`: a person's copy of what
/// the centre holds about them (their right of access). The envelope is verified and
/// opened as the receiver opens it; the copy is a plain-language summary (summary.txt),
/// the same as JSON (summary.json) and the photograph (photo.jpg); templates are counted,
/// never copied. Only the paths written are printed: nothing of the record reaches the
/// terminal or a log.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a person's copy of their record (summary and photograph) into a new folder.",
        discussion: """
            Needs the full record id (find it with `enroll-ingest find REFERENCE`), the central sealing key (keygen's \
            sealing.key; repeat --sealing-key with the older keys after a key change: the one the record was sealed \
            to is found) and the registration file (the kiosk's key verifies the record; a revoked kiosk's key is \
            given with --device-key). The folder is created with mode 0700 (an existing one must be empty). Exit \
            status 0 when the copy is written, 1 when the record is not held here or was erased, 3 on any other \
            failure; nothing is written unless the status is 0.
            """)

    @Argument(help: "The record id (8-4-4-4-12 hex), as `enroll-ingest find` shows it.") var recordID: String
    @Option(name: .customLong("sealing-key"),
            help: "A central sealing private key (keygen's sealing.key) the kiosk may have sealed the record to; repeat it for the keys used before a key change.")
    var sealingKeys: [String] = []
    @Option(help: "The folder to write the copy into: new, or empty.") var out: String
    @Option(help: "Device registrations: the kiosk's key verifies the record, its label names the kiosk.") var devices: String
    @Option(name: .customLong("device-key"),
            help: "The kiosk's Ed25519 public key (64 hex) when it is no longer in --devices (revoked): as `enroll-ingest revoke` printed it, or the first field of its line in an older copy of the file.")
    var deviceKey: String?
    @Option(help: "The language of the copy's text: fa (Persian) or en (English). The JSON's keys stay the same.")
    var language: SubjectAccessLanguage = .en
    @Option(name: .customLong("time-zone"),
            help: "The zone of the times in the copy's text, as an IANA name (Asia/Tehran, UTC); by default this machine's (TZ, /etc/localtime). The JSON's times stay UTC.")
    var timeZoneName: String?
    @Flag(name: .customLong("include-finger-images"), help: "Put the fingerprint images in the copy too (PNG); by default they are only listed.")
    var includeFingerImages = false
    @OptionGroup var storageOptions: StorageOptions

    func validate() throws {
        let reference: RecordReference
        do { reference = try RecordReference(parsing: recordID) } catch {
            throw ValidationError("'\(RecordReference.printable(recordID))': \(error)")
        }
        if case .short = reference {
            throw ValidationError("\(reference) is a short reference: find the full record id with `enroll-ingest find \"\(reference)\"` first (several records may share it)")
        }
        if let timeZoneName, TimeZone(identifier: timeZoneName) == nil {
            throw ValidationError("--time-zone: '\(RecordReference.printable(timeZoneName))' is not a time zone name such as Asia/Tehran or UTC")
        }
        if sealingKeys.isEmpty { throw ValidationError("give --sealing-key (the central sealing key, keygen's sealing.key; repeat it for older keys)") }
        if sealingKeys.count > Self.maximumSealingKeys { throw ValidationError("at most \(Self.maximumSealingKeys) sealing keys") }
        if let deviceKey, Self.publicKey(deviceKey) == nil {
            throw ValidationError("--device-key: expected the 64 hex digits of an Ed25519 public key")
        }
    }

    static let maximumSealingKeys = 32

    func run() async throws {
        try await AnswerOrFailure.run(export)
    }

    func export() async throws {
        guard case .full(let id) = try RecordReference(parsing: recordID) else { throw ExitCode.validationFailure }
        let folder = SubjectAccessFolder(path: out)
        do { try folder.check() } catch { throw ValidationFailure(error.message) }
        let keys = try readSealingKeys()
        let registered = try RegistrationText(path: devices).existing()
        let logger = Logger(label: "enroll-ingest.export")
        let opened = try await OpenedLookup(storageOptions, logger: logger)
        defer { opened.close() }
        let found: (record: StoredRecord, envelope: [UInt8])?
        do { found = try await opened.lookup.envelope(recordID: id) } catch let error as IngestError { throw ValidationFailure(error.message) }
        guard let found else {
            FileHandle.standardError.write(Data("\(id): not held here (look for it with `enroll-ingest find`)\n".utf8))
            RequestLogNote.print(what: "request")
            throw ExitCode(1)
        }
        guard !found.record.erased, !found.envelope.isEmpty else {
            FileHandle.standardError.write(Data("\(id): erased: nothing of it is held here any more, so there is nothing to copy; tell the person it was deleted\n".utf8))
            RequestLogNote.print(what: "request")
            throw ExitCode(1)
        }
        let payload = try open(found, keys: keys, registered: registered)
        let label = registered.device(deviceID: found.record.deviceID)?.label
        let summary = SubjectAccessSummary(payload: payload, stored: found.record, kioskLabel: label, includeFingerImages: includeFingerImages,
                                           now: Int64(Date().timeIntervalSince1970 * 1000), language: language,
                                           timeZone: timeZoneName.flatMap(TimeZone.init(identifier:)) ?? .current)
        let written: [String]
        do { written = try folder.write(try SubjectAccessCopy.files(summary, payload)) } catch let error as IngestError { throw ValidationFailure(error.message) }
        for path in written { print(path) }
        RequestLogNote.print(what: "copy")
    }
}
