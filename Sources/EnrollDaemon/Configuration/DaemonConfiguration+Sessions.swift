import EnrollCore
import Yams

extension DaemonConfiguration {
    /// The enrollment policy (the `session` section): minimal by default.
    public struct Session: Sendable, Equatable {
        /// The consent text's version; the record keeps it with the answer.
        public var consentVersion = "2"
        /// Subject fields that must be given, then fields that may be.
        public var requiredFields = ["reference"]
        public var optionalFields: [String] = []
        /// Longest accepted value of any field.
        public var fieldMaximumLength = 40
        /// Fingers to capture, in order, by API name.
        public var fingers: [FingerPosition] = FingerPosition.defaultEnrollment
        public var fingerAttempts = 3
        public var fingerQualityThreshold = 40
        public var face = true
        public var faceAttempts = 3
        public var faceQualityThreshold = 50
        public var duplicateCheck = true
        public var stepTimeoutSeconds = 120
        /// How long a staffed step that waits for a supervisor (an exception's approval, a
        /// duplicate decision) may wait.
        public var supervisorWaitSeconds = 600
        /// The consent texts the package ships (`consent/<version>/<language>.txt`), which a
        /// package never changes once shipped: a new wording is a new version.
        public var consentDirectory = "/usr/share/enrolld/consent"
        /// The centre's own consent texts, same layout; a version may be in only one of the
        /// two folders.
        public var localConsentDirectory = "/etc/enrolld/consent"
        /// How many times the person at a self-service station may say "I am still here" on
        /// one step (0: never; the step then ends `stepTimeoutSeconds` after its last touch).
        public var stationMoreTime = 2

        var policy: SessionPolicy {
            var policy = SessionPolicy(
                consentVersion: consentVersion,
                subjectFields: requiredFields.map { SubjectField(key: $0, required: true, maximumLength: fieldMaximumLength) }
                    + optionalFields.map { SubjectField(key: $0, required: false, maximumLength: fieldMaximumLength) },
                fingers: fingers, fingerAttempts: fingerAttempts, fingerQualityThreshold: fingerQualityThreshold,
                face: face, faceAttempts: faceAttempts, faceQualityThreshold: faceQualityThreshold,
                duplicateCheck: duplicateCheck, stepTimeout: .seconds(stepTimeoutSeconds),
                supervisorWait: .seconds(supervisorWaitSeconds))
            policy.stationMoreTime = stationMoreTime
            return policy
        }
    }

    /// Who may use the API (the `access` section).
    public struct Access: Sendable, Equatable {
        /// Socket peers by role: `user:NAME`, `uid:N`, `group:NAME` or `gid:N`. Root and the
        /// daemon's own user are technicians unless listed otherwise.
        public var socketTechnicians = ["group:enrolld"]
        public var socketSupervisors: [String] = []
        public var socketOperators: [String] = []
        public var socketStations: [String] = []
        /// The self-service station's login secret; empty: no station login.
        public var stationToken = ""
        /// The station's name in sessions and the audit log.
        public var stationID = "station"
        /// PBKDF2-HMAC-SHA256 iterations for PINs.
        public var pinIterations = 210_000
        /// Failed logins in a row before an operator id is locked.
        public var lockoutAfter = 5
        /// The first lock; it doubles with every further failure, up to an hour.
        public var lockoutSeconds = 30
        /// A login ends after this long without a request.
        public var idleMinutes = 15
    }
}

extension DaemonConfigurationSchema {
    static func readSessionAndAccess(_ root: ConfigurationSection, reader: ConfigurationReader, into configuration: inout DaemonConfiguration, base: String) {
        let session = reader.section(in: root, "session")
        var s = configuration.session
        // The version names a folder of texts: nothing that could leave it.
        s.consentVersion = session.string("consent_version", default: s.consentVersion) {
            ConsentParts.isSafeName($0) ? nil : "expected 1-64 letters, digits, '.', '_' or '-', not starting with '.', found \"\($0.prefix(60))\""
        }
        let fieldKey: (String) -> String? = { key in
            (1...64).contains(key.count) && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") } ? nil
                : "expected field names of letters, digits and _ (at most 64), found \"\(key.prefix(60))\""
        }
        // A field name is also the key of its label in the kiosk's words (`field.<name>`) and
        // of the record's subject details: a bare number (YAML reads `[123]` as one) or a
        // name starting with `_` is a slip, not a field anyone asks a person for.
        let fieldName: (String) -> String? = { name in
            if let problem = fieldKey(name) { return problem }
            return name.first!.isLetter ? nil : "expected a field name starting with a letter (such as reference or birth_year), found \"\(name.prefix(60))\""
        }
        s.requiredFields = session.words("required_fields", default: s.requiredFields, check: fieldName)
        s.optionalFields = session.words("optional_fields", default: s.optionalFields, check: fieldName)
        s.fieldMaximumLength = session.integer("field_maximum_length", default: s.fieldMaximumLength, range: 1...200)
        let names = session.words("fingers", default: s.fingers.map(\.name)) { name in
            FingerPosition(name: name) == nil ? "expected finger names such as right_index, found \"\(name.prefix(60))\"" : nil
        }
        s.fingers = names.compactMap(FingerPosition.init(name:))
        s.fingerAttempts = session.integer("finger_attempts", default: s.fingerAttempts, range: 1...10)
        s.fingerQualityThreshold = session.integer("finger_quality_threshold", default: s.fingerQualityThreshold, range: 1...100)
        s.face = session.boolean("face", default: s.face)
        s.faceAttempts = session.integer("face_attempts", default: s.faceAttempts, range: 1...10)
        s.faceQualityThreshold = session.integer("face_quality_threshold", default: s.faceQualityThreshold, range: 1...100)
        s.duplicateCheck = session.boolean("duplicate_check", default: s.duplicateCheck)
        s.stepTimeoutSeconds = session.integer("step_timeout_seconds", default: s.stepTimeoutSeconds, range: 5...3600)
        s.supervisorWaitSeconds = session.integer("supervisor_wait_seconds", default: s.supervisorWaitSeconds, range: 30...7200)
        s.consentDirectory = session.path("consent_directory", default: s.consentDirectory, base: base)
        s.localConsentDirectory = session.path("local_consent_directory", default: s.localConsentDirectory, base: base)
        // At most 5: every extension lengthens how long an abandoned station can show a
        // person's half-finished enrollment (up to (1 + this) × step_timeout_seconds a step).
        s.stationMoreTime = session.integer("station_more_time", default: s.stationMoreTime, range: 0...5)
        session.finish()
        if Set(s.fingers).count != s.fingers.count || Set(s.requiredFields + s.optionalFields).count != s.requiredFields.count + s.optionalFields.count {
            reader.report(session.node, "session", "a finger or a field is listed twice")
        }
        configuration.session = s

        let access = reader.section(in: root, "access")
        var a = configuration.access
        let peer: (String) -> String? = { rule in
            let parts = rule.split(separator: ":", maxSplits: 1)
            return parts.count == 2 && ["user", "uid", "group", "gid"].contains(parts[0]) && !parts[1].isEmpty ? nil
                : "expected user:NAME, uid:N, group:NAME or gid:N, found \"\(rule.prefix(60))\""
        }
        a.socketTechnicians = access.words("socket_technicians", default: a.socketTechnicians, check: peer)
        a.socketSupervisors = access.words("socket_supervisors", default: a.socketSupervisors, check: peer)
        a.socketOperators = access.words("socket_operators", default: a.socketOperators, check: peer)
        a.socketStations = access.words("socket_stations", default: a.socketStations, check: peer)
        a.stationToken = access.string("station_token", default: a.stationToken) { token in
            token.isEmpty || (16...128).contains(token.count) ? nil : "expected \"\" or a secret of 16-128 characters"
        }
        a.stationID = access.string("station_id", default: a.stationID) { fieldKey($0) }
        a.pinIterations = access.integer("pin_iterations", default: a.pinIterations, range: 1_000...10_000_000)
        a.lockoutAfter = access.integer("lockout_after", default: a.lockoutAfter, range: 1...100)
        a.lockoutSeconds = access.integer("lockout_seconds", default: a.lockoutSeconds, range: 1...3600)
        a.idleMinutes = access.integer("idle_minutes", default: a.idleMinutes, range: 1...1440)
        access.finish()
        configuration.access = a
    }
}

extension ConfigurationSection {
    /// A list of words (`[a, b]`); `check` refuses an item with a problem.
    func words(_ key: String, default value: [String], check: (String) -> String? = { _ in nil }) -> [String] {
        guard let node = take(key) else { return value }
        guard case .sequence(let sequence) = node else {
            reportProblem(node, path(key), "expected a list such as [a, b], found \(YAMLValue(node).found)")
            return value
        }
        var words: [String] = []
        for item in sequence {
            guard case .scalar(let scalar) = item else {
                reportProblem(item, path(key), "expected a word, found \(YAMLValue(item).found)")
                return value
            }
            if let problem = check(scalar.string) {
                reportProblem(item, path(key), problem)
                return value
            }
            words.append(scalar.string)
        }
        return words
    }
}
