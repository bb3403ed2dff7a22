import Hummingbird

/// Whether a session would start now (docs/control-api.yaml, `Admission`): the self-service
/// welcome screen asks it, so it does not invite a person in when it cannot enroll them.
/// `error` is the code `POST /v1/sessions` would answer; `message` is for staff.
public struct AdmissionView: Codable, Sendable, Equatable, ResponseEncodable {
    public var accepting: Bool
    public var error: String?
    public var message: String?
    /// The centre's contact line by language (`kiosk.contact_text`): a station that cannot
    /// take anyone says whom to ask, before any session carries it.
    public var contactText: [String: String]?

    enum CodingKeys: String, CodingKey {
        case accepting, error, message
        case contactText = "contact_text"
    }

    public init(accepting: Bool, error: String? = nil, message: String? = nil) {
        self.accepting = accepting
        self.error = error
        self.message = message
    }

    public init(refusal: APIProblem?) {
        self.init(accepting: refusal == nil, error: refusal?.code, message: refusal?.message)
    }
}
