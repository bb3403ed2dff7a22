/// Logins on the loopback listener: PIN, fingerprint or station token; lockout; idle
/// expiry; supervisor approvals by PIN. Every outcome that matters is audited by id.
public actor AccessControl {
    public struct Settings: Sendable {
        public var pinIterations: Int
        public var lockout: LoginLockout.Policy
        public var idle: Duration
        /// Empty: no station login.
        public var stationToken: String
        public var stationID: String

        public init(pinIterations: Int, lockout: LoginLockout.Policy, idle: Duration, stationToken: String, stationID: String) {
            self.pinIterations = pinIterations
            self.lockout = lockout
            self.idle = idle
            self.stationToken = stationToken
            self.stationID = stationID
        }
    }

    /// What the login request asks.
    public enum Method: Sendable, Equatable {
        case pin(operatorID: String, pin: String)
        case fingerprint(operatorID: String?)
        case station(token: String)
    }

    public struct Granted: Sendable, Equatable {
        public let token: String
        public let csrfToken: String
        public let principal: Principal
    }

    /// The lockout key of fingerprint logins that name no operator.
    public static let anyFingerKey = "fingerprint:any"

    public nonisolated let settings: Settings
    public nonisolated let hasher: PINHasher
    private let directory: any OperatorDirectory
    private var lockout: LoginLockout
    private var sessions: LoginSessions
    private let clock = ContinuousClock()

    /// Where station logins outlive the daemon; nil: they end with it, like staff logins.
    private let stationLogins: (any StationLoginKeeping)?
    /// Of `settings.stationToken`; nil when no station login is configured or none is kept.
    private let stationKey: [UInt8]?

    /// `stationLogins`, when given, brings back the station logins of the last run made
    /// with the same station key and id; the others are forgotten.
    /// Where PINs are verified: one at a time, off this actor (see `PINChecks`).
    private let pinChecks = PINChecks()
    /// Verified against when the id names no account; made on first use (a slow hash).
    private lazy var unknownPINHash = hasher.hash("no account has this PIN")

    public init(settings: Settings, directory: any OperatorDirectory, stationLogins: (any StationLoginKeeping)? = nil) {
        self.settings = settings
        self.directory = directory
        self.hasher = PINHasher(iterations: settings.pinIterations)
        self.lockout = LoginLockout(policy: settings.lockout)
        self.stationLogins = stationLogins
        // Derived only where it is stored: it costs a slow hash.
        let stationKey = settings.stationToken.isEmpty || stationLogins == nil ? nil : StationKeyFingerprint.of(settings.stationToken)
        self.stationKey = stationKey
        var sessions = LoginSessions(idle: settings.idle)
        if let stationLogins {
            let station = Principal(id: settings.stationID, role: .station, via: .station)
            let now = ContinuousClock.now
            for hash in stationLogins.restore(stationID: settings.stationID, keyFingerprint: stationKey) {
                sessions.restore(station, tokenHash: hash, now: now)
            }
        }
        self.sessions = sessions
    }

    public func login(_ method: Method) async throws(AccessDenied) -> Granted {
        let principal: Principal
        switch method {
        case .pin(let id, let pin):
            let account = try await checkPIN(id, pin, action: "login")
            principal = Principal(id: account.operatorID, role: account.role, via: .pin)
        case .fingerprint(let id):
            // Without an id, failures count against the kiosk's reader as a whole, so that
            // trying many fingers in a row is slowed down like guessing PINs.
            let key = id ?? Self.anyFingerKey
            try checkLock(key)
            let matched = try await directory.verifyFinger(id)
            guard let matched, let account = await directory.credential(matched), account.active else {
                try await fail(key, action: "login.fingerprint")
                throw AccessDenied(.loginFailed, "The finger did not match an operator enrolled on this kiosk.")
            }
            lockout.succeeded(key)
            lockout.succeeded(account.operatorID)
            principal = Principal(id: account.operatorID, role: account.role, via: .fingerprint)
        case .station(let token):
            guard !settings.stationToken.isEmpty else {
                throw AccessDenied(.notConfigured, "Station login is not configured (access.station_token).")
            }
            let key = "station:" + settings.stationID
            try checkLock(key)
            guard PINHasher.constantTimeEqual(Array(token.utf8), Array(settings.stationToken.utf8)) else {
                try await fail(key, action: "login.station")
                throw AccessDenied(.loginFailed, "The station token is not the configured one.")
            }
            lockout.succeeded(key)
            principal = Principal(id: settings.stationID, role: .station, via: .station)
        }
        // The entry first: a login whose entry cannot be written does not happen (503); once
        // it is on disk nothing below can fail.
        try await audited(principal.id, "login.\(principal.via.rawValue)")
        let opened = sessions.open(principal, now: clock.now)
        if principal.role == .station, let stationLogins, let stationKey {
            let hash = LoginSessions.digest(opened.token)
            await stationLogins.save(tokenHash: hash, stationID: principal.id, keyFingerprint: stationKey)
            // Signed out or revoked while it was being kept: it must not come back at a restart.
            if sessions.touch(opened.token, now: clock.now) == nil { await stationLogins.remove(tokenHash: hash) }
        }
        return Granted(token: opened.token, csrfToken: opened.csrf, principal: principal)
    }

    /// Calls off a fingerprint login that waits for a finger; nothing to do when none does.
    public func cancelFingerprintLogin() async {
        await directory.cancelFingerWait()
    }

    /// A supervisor approving at someone else's station: their PIN, counted like a login.
    public func approve(supervisorID: String, pin: String) async throws(AccessDenied) -> String {
        let account = try await checkPIN(supervisorID, pin, action: "approval")
        guard account.role == .supervisor else {
            throw AccessDenied(.loginFailed, "Only a supervisor can approve this.")
        }
        return account.operatorID
    }

    /// The login behind `token`, refreshed; nil when unknown or idle too long. The login
    /// carries its CSRF token, which the kiosk page asks for again after a reload.
    public func authenticate(_ token: String) -> (login: LoginSessions.Login, idleRemaining: Duration?)? {
        let now = clock.now
        guard let login = sessions.touch(token, now: now) else { return nil }
        return (login, sessions.remaining(login, now: now))
    }

    public func logout(_ token: String) async {
        let login = sessions.touch(token, now: clock.now)
        sessions.close(token)
        if let login {
            if login.principal.role == .station { await stationLogins?.remove(tokenHash: LoginSessions.digest(token)) }
            // Awaited, so the entry is on disk before the answer. A logout whose entry cannot
            // be written still ends the login: keeping someone signed in because the disk
            // is full would be the worse failure. The directory has logged it.
            try? await directory.audit(actor: login.principal.id, action: "logout")
        }
    }

    /// Signs out every self-service station, here and in the store (`enrollctl station
    /// logout-all`): a technician's answer to a lost or copied station browser. Returns how
    /// many logins ended.
    public func revokeStationLogins(by actor: String) async throws -> Int {
        let here = sessions.closeStations()
        let kept = try await stationLogins?.removeAll(by: actor) ?? 0
        // Revoking is the safe direction, so it stands even when its entry fails (logged by
        // the directory); a kept store writes the entry in the deleting transaction instead.
        if stationLogins == nil { try? await directory.audit(actor: actor, action: "station.logins_revoked") }
        return max(here, kept)
    }

    /// Ends the logins of an account that was removed or changed.
    public func revoke(operatorID: String) {
        sessions.close(operatorID: operatorID)
    }

    private func checkPIN(_ id: String, _ pin: String, action: String) async throws(AccessDenied) -> OperatorCredential {
        try checkLock(id)
        let account = await directory.credential(id)
        // An unknown id costs the same one verification as a known one (against a stored
        // hash made once), so timing does not tell them apart.
        let stored = account?.pinHash ?? unknownPINHash
        let matches = try await pinChecks.verify(pin, against: stored)
        guard let account, account.active, matches else {
            // The audit log is append-only: what was typed as an unknown id (a PIN, a name)
            // must not be kept in it for ever.
            try await fail(id, action: action, auditAs: account == nil ? Self.unknownActor : id)
            throw AccessDenied(.loginFailed, "The operator id or PIN is not right.")
        }
        lockout.succeeded(id)
        return account
    }

    private func checkLock(_ id: String) throws(AccessDenied) {
        if let wait = lockout.remaining(id, now: clock.now) {
            throw Self.locked(wait)
        }
    }

    /// Counts a failed attempt and writes its entries. The attempt counts towards the
    /// lock-out even when its entry cannot be written (breaking the disk must not lift the
    /// brake on guessing); the answer is then 503 instead of 401, as for every login while
    /// the audit log cannot be written.
    private func fail(_ id: String, action: String, auditAs actor: String? = nil) async throws(AccessDenied) {
        let lock = lockout.failed(id, now: clock.now)
        var unwritten: AccessDenied?
        do throws(AccessDenied) { try await audited(actor ?? id, "\(action).failed") } catch { unwritten = error }
        if lock != nil {
            do throws(AccessDenied) { try await audited(actor ?? id, "\(action).locked_out") } catch { unwritten = error }
        }
        if let unwritten { throw unwritten }
    }

    /// How long `id` stays locked out, or nil: for the technician's account list (the journal
    /// does not name the id, since it goes into support bundles).
    public func lockedFor(_ id: String) -> Duration? {
        lockout.remaining(id, now: clock.now)
    }

    /// A technician lifts the lock-out of `id` (someone kept it locked by guessing at each
    /// expiry; the real operator could not reset it, the lock is checked before the PIN).
    /// Not done when its entry cannot be written.
    public func unlock(_ id: String, by actor: String) async throws(AccessDenied) {
        try await audited(actor, "login.unlocked:\(id)")
        lockout.succeeded(id)
    }

    /// Writes an entry and waits until it is on disk; an entry that cannot be written
    /// refuses the action it records (fail closed).
    private func audited(_ actor: String, _ action: String) async throws(AccessDenied) {
        do {
            try await directory.audit(actor: actor, action: action)
        } catch {
            throw AccessDenied(.auditUnavailable, "The audit log cannot be written (\(error)); nothing was done. Call a technician.")
        }
    }

    /// How failed logins by ids that name no account appear in the audit log.
    static let unknownActor = "unknown"

    static func locked(_ wait: Duration) -> AccessDenied {
        let seconds = max(1, Int(wait.components.seconds) + (wait.components.attoseconds > 0 ? 1 : 0))
        return AccessDenied(.lockedOut, "Too many failed attempts; try again in \(seconds) s.", retryAfterSeconds: seconds)
    }
}
