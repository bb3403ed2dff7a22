import EnrollCore
import EventLog
import Logging
import Synchronization

extension Uploader {
    /// What asking the server for this kiosk's chain head came to.
    enum HeadCheck: Equatable {
        /// The server answered (also when it found nothing wrong, or has no such endpoint).
        case answered
        /// No usable answer (a server error, the outbox busy): ask again next round.
        case notAnswered
        /// The server cannot be reached or refuses this kiosk: shown and backed off.
        case failed(SyncProblem)
    }

    /// Asks the server for this kiosk's chain head, once it answers: an outbox restored
    /// from an old copy may hold nothing to send, so no batch answer would reveal it before
    /// the first new enrollment went into the forked chain. It is also the first thing the
    /// kiosk says to the server after a start, so an unregistered or revoked kiosk, or an
    /// unreachable server, shows here before any record is queued.
    func checkServerHead(deviceID: String) async -> HeadCheck {
        let response: IngestResponse
        do { response = try await transport.head(deviceID: deviceID) } catch {
            if Task.isCancelled { return .notAnswered }
            return .failed(transportProblem(error))
        }
        guard let reply = DeviceHeadAnswer.decode(response, deviceID: deviceID) else {
            logger.debug("chain head answer not usable", metadata: ["http.status": "\(response.status)"])
            if response.status == 403 { return .failed(.unknownKiosk) }
            // A receiver without the endpoint: the batches will say more.
            return response.status != 200 && response.status < 500 ? .answered : .notAnswered
        }
        guard let local = try? await queue.chainHead() else { return .notAnswered }
        if let finding = OlderDatabase.check(serverHead: reply.sequence, localHead: local) {
            flag(finding)
            return .answered
        }
        await confirmCentralHead(reply.sequence)
        // A server behind the kiosk with nothing pending: no batch would reveal it (until
        // the next enrollment), so the head answer starts the repair.
        if reply.sequence < local, let pending = try? await queue.pendingUpload(limit: 1) {
            let firstPending = pending.first?.sequence ?? local + 1
            if let gap = await centralGap(expected: reply.sequence + 1, firstPending: firstPending, localHead: local) {
                _ = await repair(gap)
                wakeup.signal()
            }
        }
        return .answered
    }

    /// Stops uploading for good (until restart) and hands the finding to whoever refuses
    /// enrollments; journalled once.
    func flag(_ finding: OlderDatabase) {
        let first = status.withLock { s in
            defer { s.olderDatabase = finding; s.state = .backingOff; s.lastError = finding.description; s.nextAttempt = nil }
            return s.olderDatabase == nil
        }
        guard first else { return }
        logger.log(.databaseOlderThanServer, "Uploads and enrollments stop: \(finding)", metadata: [
            "sync.server_head": "\(finding.serverHead)", "sync.local_head": "\(finding.localHead)"])
        onOlderDatabase(finding)
    }

    var isStoppedByOlderDatabase: Bool { status.withLock { $0.olderDatabase != nil } }
}
