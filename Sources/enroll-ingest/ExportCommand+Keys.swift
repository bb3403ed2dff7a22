import ArgumentParser
import Crypto
import EnrollCore
import Foundation
import Ingest

// `--language fa|en`: the copy's language is named by its code on the command line.
extension SubjectAccessLanguage: ExpressibleByArgument {}

/// The keys `export` needs: the central sealing key(s) to open the record, and the kiosk's
/// public key to verify it, from the registration file or, for a revoked kiosk, given.
extension ExportCommand {
    /// Every `--sealing-key` file, each named when it cannot be read.
    func readSealingKeys() throws -> [Curve25519.KeyAgreement.PrivateKey] {
        try sealingKeys.map { path in
            do { return try ServerKeys.sealingKey(path) } catch let failure as ValidationFailure { throw failure } catch {
                throw ValidationFailure("cannot read the sealing key \(path): \((error as NSError).localizedFailureReason ?? "\(error)")")
            }
        }
    }

    /// An Ed25519 public key from 64 hex digits, nil for anything else.
    static func publicKey(_ hex: String) -> [UInt8]? {
        guard let key = Hex.decode(hex.trimmingCharacters(in: .whitespaces)), key.count == 32,
              (try? Curve25519.Signing.PublicKey(rawRepresentation: key)) != nil else { return nil }
        return key
    }

    /// The public key of the kiosk that made `record`: `--device-key` when given (it must be
    /// that kiosk's: its id is the key's hash), else its line in the registration file.
    func kioskKey(for record: StoredRecord, registered: RegisteredDevices) throws -> [UInt8] {
        let kiosk = Hex.encode(record.deviceID)
        if let given = deviceKey.flatMap(Self.publicKey) {
            guard RegisteredDevices.deviceID(of: given) == record.deviceID else {
                throw ValidationFailure("--device-key is the key of device \(Hex.encode(RegisteredDevices.deviceID(of: given))), but the record was made "
                    + "by device \(kiosk): give that kiosk's key; nothing was written")
            }
            return given
        }
        guard let device = registered.device(deviceID: record.deviceID) else {
            throw ValidationFailure("the record's kiosk (device \(kiosk)) is not in \(devices) (revoked, or registered on another receiver): "
                + "its public key is needed to verify the record. Give --device-key with the key `enroll-ingest revoke` printed when it "
                + "removed the kiosk, or the first field of the kiosk's line in a copy of \(devices) from before; nothing was written")
        }
        return device.publicKey
    }

    /// Verifies and opens the envelope as the receiver does, with the kiosk's key and the
    /// first sealing key that opens it.
    func open(_ found: (record: StoredRecord, envelope: [UInt8]), keys: [Curve25519.KeyAgreement.PrivateKey], registered: RegisteredDevices) throws -> RecordPayload {
        let kiosk = try kioskKey(for: found.record, registered: registered)
        do { return try SubjectAccessCopy.open(found.envelope, devicePublicKey: kiosk, sealingKeys: keys) } catch {
            switch error {
            case .wrongSealingKey:
                let given = sealingKeys.count == 1 ? "the sealing key in \(sealingKeys[0])" : "any of the \(sealingKeys.count) sealing keys given"
                throw ValidationFailure("the record does not open with \(given): it was sealed to another key (an older central sealing key, "
                    + "if it was changed since: add it with another --sealing-key); nothing was written")
            case .doesNotVerify(let why):
                throw ValidationFailure("the stored record does not verify (\(why)); nothing was written: keep it as it is and report it")
            }
        }
    }
}
