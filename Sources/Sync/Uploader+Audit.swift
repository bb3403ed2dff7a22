import EnrollCore
import Foundation
import Logging
import ServiceLifecycle
import Store
import Synchronization

extension Uploader {
    /// What one audit shipping round ended with.
    enum AuditOutcome: Equatable {
        /// The server holds every entry the kiosk has.
        case caughtUp
        /// The pass sent its most batches and entries remain: the next idle moment goes on,
        /// without a pause (a kiosk upgraded after a year holds many).
        case morePending
        /// The server has no audit endpoint (404): an older receiver. Records keep flowing.
        case notOffered
        case failed(String)
    }

    /// Sends the audit entries the server does not hold yet, oldest first, in batches of
    /// `auditBatchEntries`, each answered with the head the server now holds, which is noted
    /// in the store (so a restart resumes there). Runs when the record outbox is drained; a
    /// failure pauses audit shipping, never record sync. Entries are never deleted here.
    func shipAudit() async {
        let now = timer.now()
        if let until = status.withLock({ $0.auditPausedUntil }), now < until { return }
        let outcome = await shipAuditBatches()
        if Task.isCancelled || Task.isShuttingDownGracefully { return }
        let pause: Int64?
        switch outcome {
        case .caughtUp, .morePending: pause = nil
        case .notOffered: pause = settings.auditRetryMilliseconds
        case .failed: pause = settings.backoff.capMilliseconds
        }
        let wasProblem = status.withLock { s in
            defer {
                s.auditPausedUntil = pause.map { timer.now() + $0 }
                s.auditProblem = outcome == .caughtUp || outcome == .morePending ? nil : outcome
            }
            return s.auditProblem
        }
        // Said once per kind of trouble, and once when it is over: hourly 404s from an older
        // receiver are expected until it is upgraded.
        switch outcome {
        case .caughtUp, .morePending:
            if wasProblem != nil { logger.notice("The central server takes this kiosk's audit log again") }
        case .notOffered:
            if wasProblem != outcome {
                logger.notice("The central server does not take audit entries (404, an older enroll-ingest); records still sync, the audit log is offered again in \(Self.seconds(settings.auditRetryMilliseconds))")
            }
        case .failed(let reason):
            if wasProblem != outcome {
                logger.warning("Shipping the audit log to the central server failed: \(reason); records still sync, retrying in \(Self.seconds(settings.backoff.capMilliseconds))")
            }
        }
    }

    /// Batches until caught up or refused; bounded, so a server that acknowledges without
    /// progress cannot hold the uploader.
    func shipAuditBatches() async -> AuditOutcome {
        var lastAcknowledged: Int64 = -1
        for _ in 0..<settings.auditRoundsPerPass {
            if Task.isCancelled || Task.isShuttingDownGracefully { return .failed("stopped") }
            let acknowledged: Int64
            let entries: [AuditEntry]
            do {
                acknowledged = try await queue.auditAcknowledged()
                entries = try await queue.auditEntries(after: acknowledged, limit: min(settings.auditBatchEntries, AuditBatch.maximumEntries))
            } catch {
                return .failed("audit log: \(error)")
            }
            if entries.isEmpty { return .caughtUp }
            // The same acknowledged seq twice: the last answer moved nothing.
            if acknowledged == lastAcknowledged { return .failed("the server's answers do not move the acknowledged audit entry past \(acknowledged)") }
            lastAcknowledged = acknowledged
            let response: IngestResponse
            do { response = try await transport.postAudit(batch: AuditBatch.encode(entries)) } catch {
                return .failed(transportProblem(error).text)
            }
            switch response.status {
            case 200, 409:
                // 409 carries the head the server holds: resume from there when the kiosk
                // holds that entry (a server restored from an older backup asks for more).
                guard let reply = Self.auditHead(response) else {
                    return .failed(response.status == 200 ? "unreadable answer to an audit batch" : "the server refused the audit batch: \(Self.errorText(response))")
                }
                let noted: Bool
                do { noted = try await queue.noteAuditAcknowledged(reply, at: wallClock()) } catch { return .failed("audit log: \(error)") }
                guard noted else { return await unconfirmedHead(reply) }
                if response.status == 409, reply.seq == acknowledged {
                    return .failed("the server refused the audit batch: \(Self.errorText(response))")
                }
            case 404:
                return .notOffered
            default:
                return .failed(SyncProblem.http(status: response.status, detail: Self.errorText(response)).text)
            }
        }
        return .morePending
    }

    /// A head the kiosk cannot confirm: another history, or (a central database restored
    /// from an older backup) entries the kiosk let go after the centre had acknowledged them.
    func unconfirmedHead(_ reply: AuditHead) async -> AuditOutcome {
        if let letGo = try? await queue.auditProgress().letGoThrough, reply.seq < letGo {
            return .failed("the central server holds this kiosk's audit log only up to entry \(reply.seq), but it had acknowledged entries up to \(letGo), "
                + "which this kiosk has since let go (storage.audit_retention_days): a central database restored from an older backup; central IT must restore a newer one")
        }
        return .failed("the server holds audit entry \(reply.seq) with a hash this kiosk does not have")
    }

    /// The head in a 200 answer, or in a 409's body beside the error.
    static func auditHead(_ response: IngestResponse) -> AuditHead? {
        guard response.body.count <= DeviceHeadAnswer.maximumBytes,
              let reply = try? JSONDecoder().decode(AuditHeadReply.self, from: Data(response.body)) else { return nil }
        return reply.head
    }

    /// The audit side of `summary()`.
    static func auditSummary(_ progress: AuditShippingProgress, problem: AuditOutcome?, pausedUntil: Int64?) -> AuditShippingSummary {
        let state: AuditShippingSummary.State
        var text: String?
        switch problem {
        case .notOffered?:
            state = .notOffered
            text = "the central server does not take audit entries (an older enroll-ingest)"
        case .failed(let reason)?:
            state = .failing
            text = reason
        case .caughtUp?, .morePending?, nil:
            state = progress.unshipped == 0 ? .caughtUp : .pending
        }
        return AuditShippingSummary(state: state, acknowledged: progress.acknowledged, acknowledgedAt: progress.acknowledgedAt.map { Double($0) / 1000 },
                                    unshipped: progress.unshipped, problem: text, nextAttempt: text == nil ? nil : pausedUntil.map { Double($0) / 1000 })
    }

    static func errorText(_ response: IngestResponse) -> String {
        (try? JSONDecoder().decode(ServerError.self, from: Data(response.body)))?.error ?? "HTTP \(response.status)"
    }
}
