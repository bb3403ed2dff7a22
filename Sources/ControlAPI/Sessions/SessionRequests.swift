import EnrollCore

/// The bodies the session routes take; unknown keys and wrong types are refused (400).
public struct ConsentRequest: Decodable, Sendable {
    public var version: String
    public var accepted: Bool
    /// A parent's or guardian's answer for a child (staffed sessions only).
    public var byGuardian: Bool?
    /// The language and SHA-256 of the text on screen (the session's `consent_texts`), so
    /// the daemon takes a "yes" only to the text it serves now.
    public var language: String?
    public var sha256: String?
    enum CodingKeys: String, CodingKey { case version, accepted, byGuardian = "by_guardian", language, sha256 }
}

public struct SubjectRequest: Decodable, Sendable {
    public var fields: [String: String]
}

public struct FingerRequest: Decodable, Sendable {
    public var finger: FingerName
}

/// A supervisor named in a request, with their PIN.
public struct SupervisorApproval: Decodable, Sendable {
    public var operatorID: String
    public var pin: String
    enum CodingKeys: String, CodingKey { case operatorID = "operator_id", pin }
}

public struct ExceptionRequest: Decodable, Sendable {
    public var finger: FingerName?
    public var reason: CaptureException.Reason
    public var supervisor: SupervisorApproval?
}

public struct DecisionRequest: Decodable, Sendable {
    public enum Verdict: String, Decodable, Sendable {
        case notDuplicate = "not_duplicate"
        case samePerson = "same_person"
    }
    public var decision: Verdict
    public var supervisor: SupervisorApproval?
}

/// A finger by its API name (`right_index`).
public struct FingerName: Codable, Sendable, Equatable {
    public let position: FingerPosition

    public init(_ position: FingerPosition) { self.position = position }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let position = FingerPosition(name: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a finger name"))
        }
        self.position = position
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(name)
    }

    public var name: String { position.name }
}

/// The body of an operation that takes none but tolerates `{}`; anything else is refused.
public struct EmptyRequest: Decodable, Sendable {}
