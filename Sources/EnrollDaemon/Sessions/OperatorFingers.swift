import Access
import ControlAPI
import EnrollCore
import Fingerprint
import HTTPTypes
import Logging
import Store
import Synchronization
import Trust

/// Operators' fingers for fingerprint login: enrolled with the reader's own multi-stage
/// enrollment, kept encrypted in the Store, and matched by the reader's own identify, so a
/// match-on-chip reader and an image reader work alike.
struct OperatorFingers: Sendable {
    let readers: LibfprintDeviceSource
    let records: KeeperSessionRecords
    let logger: Logger
    /// The reader a login's identify is waiting on, so that only that wait can be called
    /// off (never a session's capture on the same reader).
    private let identifying = WaitingReader()

    init(readers: LibfprintDeviceSource, records: KeeperSessionRecords, logger: Logger) {
        self.readers = readers
        self.records = records
        self.logger = logger
    }

    /// Enrolls `finger` of an active operator on the first reader: the operator touches the
    /// reader as many times as it asks (its enroll stages).
    func enroll(operatorID: String, finger: FingerPosition, by actor: String) async throws(APIProblem) {
        guard let store = records.keeper.store, let cipher = records.keeper.galleryCipher else {
            throw APIProblem(.serviceUnavailable, "storage", await records.keeper.refusalReason() ?? "The record database is not open.")
        }
        guard let account = try? await store.run({ store throws(StoreError) in try store.operatorAccount(operatorID) }), account.active else {
            throw APIProblem(.notFound, "not_found", "No active operator \(operatorID).")
        }
        guard let reader = await readers.readers().first else {
            throw APIProblem(.serviceUnavailable, "no_device", "No fingerprint reader is connected.")
        }
        let template = try await Self.enrolledPrint(reader, finger: finger)
        let position = UInt8(finger.rawValue)
        let binding = OperatorFinger.binding(operatorID: operatorID, fingerPosition: position)
        do {
            let finger = OperatorFinger(operatorID: operatorID, fingerPosition: position, sealedPrint: try cipher.seal(template.bytes, entryID: binding))
            let now = RecordKeeper.unixMilliseconds()
            try await store.run { store in try store.saveOperatorFinger(finger, at: now, by: actor) }
        } catch {
            throw APIProblem(.serviceUnavailable, "storage", "The finger could not be kept: \(error)")
        }
        logger.notice("An operator's finger was enrolled for fingerprint login")
    }

    /// The operator whose enrolled finger is on the reader now, among `operatorID`'s fingers
    /// or everyone's; nil when the finger matches none.
    func identify(_ operatorID: String?) async throws(AccessDenied) -> String? {
        guard let store = records.keeper.openStore, let cipher = records.keeper.galleryCipher else {
            throw AccessDenied(.unavailable, "The kiosk's database is not open; log in with your PIN.")
        }
        let stored = try? await store.run { store throws(StoreError) in try store.operatorFingers(of: operatorID) }
        let enrolled = (stored ?? []).compactMap { finger -> (String, FingerprintTemplate)? in
            let binding = OperatorFinger.binding(operatorID: finger.operatorID, fingerPosition: finger.fingerPosition)
            // A print that does not open was altered or belongs to another key: never matched.
            return cipher.open(finger.sealedPrint, entryID: binding).map { (finger.operatorID, FingerprintTemplate(bytes: $0)) }
        }
        guard !enrolled.isEmpty else {
            throw AccessDenied(.notConfigured, operatorID == nil
                ? "No operator has enrolled a finger on this kiosk; log in with your PIN."
                : "This operator has no finger enrolled on this kiosk; log in with the PIN.")
        }
        guard enrolled.count <= LibfprintReader.maximumGallery else {
            throw AccessDenied(.badRequest, "Too many enrolled fingers to search at once; enter your operator id first.")
        }
        guard let reader = await readers.readers().first else {
            throw AccessDenied(.unavailable, "No fingerprint reader is connected; log in with your PIN.")
        }
        let outcome: IdentifyOutcome
        identifying.set(reader)
        defer { identifying.set(nil) }
        do throws(ReaderError) {
            outcome = try await reader.identify(enrolled.map(\.1))
        } catch {
            throw Self.denied(error)
        }
        switch outcome {
        case .match(let index): return enrolled.indices.contains(index) ? enrolled[index].0 : nil
        case .noMatch: return nil
        case .retry(let reason):
            throw AccessDenied(.retry, "The reader could not read the finger (\(reason.rawValue)); place it again.")
        }
    }

    /// Ends a login's wait for a finger, if one is waiting.
    func cancelIdentify() async {
        guard let reader = identifying.get() else { return }
        await reader.cancel()
    }

    static func enrolledPrint(_ reader: LibfprintReader, finger: FingerPosition) async throws(APIProblem) -> FingerprintTemplate {
        do {
            for try await event in await reader.enroll(finger: finger) {
                if case .completed(let template) = event { return template }
            }
        } catch let error as ReaderError {
            throw SessionManager.problem(error)
        } catch {
            throw APIProblem(.serviceUnavailable, "no_device", "The enrollment failed: \(error)")
        }
        throw APIProblem(.serviceUnavailable, "no_device", "The reader ended the enrollment without a print.")
    }

    static func denied(_ error: ReaderError) -> AccessDenied {
        if error.isTimedOut { return AccessDenied(.timedOut, "No finger was placed on the reader in time.") }
        if error.isBusy { return AccessDenied(.busy, "The reader is busy with a capture; try again in a moment.") }
        if error.isCancelled { return AccessDenied(.cancelled, "The fingerprint sign-in was called off.") }
        return AccessDenied(.unavailable, "The fingerprint reader is not usable (\(error.description)); log in with your PIN.")
    }
}

/// The reader a fingerprint login waits on, shared by the copies of `OperatorFingers`.
final class WaitingReader: Sendable {
    private let reader = Mutex<LibfprintReader?>(nil)
    func set(_ value: LibfprintReader?) { reader.withLock { $0 = value } }
    func get() -> LibfprintReader? { reader.withLock { $0 } }
}
