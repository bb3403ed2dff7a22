import ArgumentParser
import Crypto
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
            sealing.key) and the registration file (the kiosk's key verifies the record). The folder is created with \
            mode 0700 (an existing one must be empty). Exit status 0 when the copy is written, 1 when the record is not \
            held here or was erased, 3 on any other failure; nothing is written unless the status is 0.
            """)

    @Argument(help: "The record id (8-4-4-4-12 hex), as `enroll-ingest find` shows it.") var recordID: String
    @Option(name: .customLong("sealing-key"), help: "The central sealing private key (keygen's sealing.key) the kiosk sealed the record to.")
    var sealingKey: String
    @Option(help: "The folder to write the copy into: new, or empty.") var out: String
    @Option(help: "Device registrations: the kiosk's key verifies the record, its label names the kiosk.") var devices: String
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
    }

    func run() async throws {
        try await AnswerOrFailure.run(export)
    }

    func export() async throws {
        guard case .full(let id) = try RecordReference(parsing: recordID) else { throw ExitCode.validationFailure }
        let folder = SubjectAccessFolder(path: out)
        do { try folder.check() } catch { throw ValidationFailure(error.message) }
        let key: Curve25519.KeyAgreement.PrivateKey
        do { key = try ServerKeys.sealingKey(sealingKey) } catch let failure as ValidationFailure { throw failure } catch {
            throw ValidationFailure("cannot read the sealing key \(sealingKey): \((error as NSError).localizedFailureReason ?? "\(error)")")
        }
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
        let payload = try open(found, key: key, registered: registered)
        let label = registered.device(deviceID: found.record.deviceID)?.label
        let summary = SubjectAccessSummary(payload: payload, stored: found.record, kioskLabel: label, includeFingerImages: includeFingerImages,
                                           now: Int64(Date().timeIntervalSince1970 * 1000))
        let written: [String]
        do { written = try folder.write(try SubjectAccessCopy.files(summary, payload)) } catch let error as IngestError { throw ValidationFailure(error.message) }
        for path in written { print(path) }
        RequestLogNote.print(what: "copy")
    }

    /// Verifies and opens the envelope as the receiver does, with the kiosk's registered key.
    func open(_ found: (record: StoredRecord, envelope: [UInt8]), key: Curve25519.KeyAgreement.PrivateKey, registered: RegisteredDevices) throws -> RecordPayload {
        guard let device = registered.device(deviceID: found.record.deviceID) else {
            throw ValidationFailure("the record's kiosk (device \(Hex.encode(found.record.deviceID))) is not in \(devices): its public key is needed "
                + "to verify the record; use a copy of the registration file from before the kiosk was revoked")
        }
        do { return try SubjectAccessCopy.open(found.envelope, devicePublicKey: device.publicKey, sealingKey: key) } catch {
            switch error {
            case .wrongSealingKey:
                throw ValidationFailure("the record does not open with the sealing key in \(sealingKey): it was sealed to another key "
                    + "(an older central sealing key, if it was changed since); nothing was written")
            case .doesNotVerify(let why):
                throw ValidationFailure("the stored record does not verify (\(why)); nothing was written: keep it as it is and report it")
            }
        }
    }
}
