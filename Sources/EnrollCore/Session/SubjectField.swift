/// A detail about the person that the policy asks for. Minimal by default: the policy
/// names each field it needs, and nothing else is accepted.
public struct SubjectField: Codable, Sendable, Equatable {
    /// The key used in the API and the record, e.g. `given_name`.
    public var key: String
    public var required: Bool
    /// Longest accepted value in characters.
    public var maximumLength: Int
    /// When set, the value must be one of these (e.g. a case-worker referral code list).
    public var choices: [String]?

    public init(key: String, required: Bool, maximumLength: Int = 100, choices: [String]? = nil) {
        self.key = key
        self.required = required
        self.maximumLength = maximumLength
        self.choices = choices
    }
}
