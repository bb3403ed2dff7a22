import Crypto
import EnrollCore

/// The receiver's acceptance of a kiosk's audit batch, independent of HTTP: decode
/// (`AuditBatch`), check the batch as a chain with every hash recomputed (`AuditChain`,
/// the kiosk's own rules), then let the storage add what continues the head it holds.
/// Refusals store nothing: 400 for a body that is not a batch, 422 for entries that do not
/// hold together (a forged or altered entry: sending it again cannot help), 409 for a sound
/// batch that does not continue the chain held (a gap, or a different history), with that
/// head so the kiosk can resume from it.
public struct AuditIngestor: Sendable {
    public let storage: any AuditStorage

    /// SHA-256, the digest the audit chain is defined with.
    public static let digest = AuditDigest { Array(SHA256.hash(data: $0)) }

    public init(storage: any AuditStorage) { self.storage = storage }

    /// Handles one `POST /v1/audit` body from an authenticated device; the head now held.
    public func ingest(body: [UInt8], device: [UInt8], now: Int64) async throws -> AuditHead {
        let entries: [AuditEntry]
        do { entries = try AuditBatch.decode(body) } catch {
            throw AuditRefusal(IngestError(status: 400, code: "malformed_audit", message: error.description))
        }
        do { try AuditChain.verify(entries, digest: Self.digest) } catch {
            throw AuditRefusal(IngestError(status: 422, code: "audit_chain_invalid", message: error.description))
        }
        do { return try await storage.storeAudit(device: device, entries: entries, receivedAt: now) } catch let error as AuditChainError {
            let head = try await storage.auditHead(device: device)
            throw AuditRefusal(IngestError(status: 409, code: "audit_chain_conflict", message: error.description), head: head)
        }
    }
}

/// An audit batch refused with nothing stored; for 409, the head the receiver holds.
public struct AuditRefusal: Error, Sendable {
    public let error: IngestError
    public let head: AuditHead?

    init(_ error: IngestError, head: AuditHead? = nil) {
        self.error = error
        self.head = head
    }
}
