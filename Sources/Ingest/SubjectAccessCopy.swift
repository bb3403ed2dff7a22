import Crypto
import EnrollCore
import Trust

/// A person's copy of their record: the envelope verified and opened exactly as the
/// receiver opens it (`RecordVerifier.open`: device signature, digest, HPKE with the
/// central key, the inner signature, manifest against envelope), then the files the copy
/// holds. No I/O: `SubjectAccessFolder` writes them.
public enum SubjectAccessCopy {
    /// Why a stored envelope gave no copy.
    public enum Failure: Error, Sendable, Equatable {
        /// Sealed to another key than the one given (an older central sealing key).
        case wrongSealingKey
        /// Does not verify for its kiosk's key: altered, or another kiosk's key.
        case doesNotVerify(String)
    }

    /// The opened payload of `envelope`, a record of the kiosk whose Ed25519 key is
    /// `devicePublicKey`.
    public static func open(_ envelope: [UInt8], devicePublicKey: [UInt8], sealingKey: Curve25519.KeyAgreement.PrivateKey) throws(Failure) -> RecordPayload {
        let key: Curve25519.Signing.PublicKey
        do { key = try Curve25519.Signing.PublicKey(rawRepresentation: devicePublicKey) } catch {
            throw .doesNotVerify("the registered key is not an Ed25519 key")
        }
        do { return try RecordVerifier(devicePublicKey: key).open(envelope, with: sealingKey) } catch {
            throw error.reason == .cannotOpen ? .wrongSealingKey : .doesNotVerify(error.reason.description)
        }
    }

    /// The opened payload of `envelope`, tried with each central sealing key in turn (a
    /// centre that changed its key holds records sealed to the old one and to the new):
    /// only "sealed to another key" moves on to the next; a record that does not verify is
    /// reported at once.
    public static func open(_ envelope: [UInt8], devicePublicKey: [UInt8], sealingKeys: [Curve25519.KeyAgreement.PrivateKey]) throws(Failure) -> RecordPayload {
        for key in sealingKeys {
            do { return try open(envelope, devicePublicKey: devicePublicKey, sealingKey: key) } catch {
                if error != .wrongSealingKey { throw error }
            }
        }
        throw .wrongSealingKey
    }

    /// The copy's files: the summary in words (summary.txt) and as JSON (summary.json), the
    /// photograph, and the fingerprint images the summary names. Never a template.
    public static func files(_ summary: SubjectAccessSummary, _ payload: RecordPayload) throws -> [(name: String, bytes: [UInt8])] {
        var files: [(name: String, bytes: [UInt8])] = [("summary.txt", Array(summary.text().utf8)), ("summary.json", try summary.json())]
        if let photo = payload.parts.first(where: { $0.kind == .faceImage }), let name = summary.photo.file {
            files.append((name, photo.bytes))
        }
        for finger in summary.fingers {
            guard let name = finger.image_file,
                  let image = payload.parts.first(where: { $0.kind == .fingerImage && Int($0.position) == finger.position }) else { continue }
            files.append((name, image.bytes))
        }
        return files
    }
}
