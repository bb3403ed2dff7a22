import EnrollCore

extension SyncStart {
    /// For `/v1/status` and `enrollctl sync`: the uploader's state, or while sync waits for
    /// its TLS files, which one and why, with the records waiting meanwhile.
    public func summary() async -> SyncSummary {
        if let uploader { return await uploader.summary() }
        let problem = waitingFor.map { "\($0)" } ?? "unknown"
        var summary = SyncSummary(state: .waitingForTLSFiles, lastError: "sync waits for usable TLS files: \(problem)")
        summary.server = settings.url
        summary.backlog = try? await queue.backlog()
        summary.tlsFilesAwaited = problem
        // The audit log waits too: how much of it the centre lacks still counts.
        summary.audit = (try? await queue.auditProgress()).map { Uploader.auditSummary($0, problem: nil, pausedUntil: nil) }
        return summary
    }
}
