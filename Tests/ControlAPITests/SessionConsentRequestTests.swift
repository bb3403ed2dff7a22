import Access
import HTTPTypes
import Testing
@testable import ControlAPI

/// The text a consent answer names, as the route takes or refuses it before the session
/// manager compares it with the texts served (EnrollDaemonTests, SessionManagerConsentProofTests).
extension SessionRequestRoutesTests {
    static let digest = String(repeating: "0123456789abcdef", count: 4)

    @Test(arguments: [
        #"{"version":"1","accepted":true,"language":"en","sha256":"\#(digest)"}"#,
        #"{"version":"1","accepted":true,"by_guardian":true,"language":"fa","sha256":"\#(digest)"}"#,
        #"{"version":"1","accepted":false,"language":"en","sha256":"\#(digest)"}"#,
        // Naming none is for the session manager to judge (a kiosk without texts takes it).
        #"{"version":"1","accepted":true}"#,
    ])
    func aWellFormedTextIsPassedOn(body: String) async throws {
        let (status, _) = try await post("/v1/sessions/s1/consent", body, as: .operator)
        #expect(status == .ok)
    }

    @Test(arguments: [
        // One without the other.
        #"{"version":"1","accepted":true,"language":"en"}"#,
        #"{"version":"1","accepted":true,"sha256":"\#(digest)"}"#,
        // Wrong length, not hex, upper case, padded.
        #"{"version":"1","accepted":true,"language":"en","sha256":"\#(digest.dropLast())"}"#,
        #"{"version":"1","accepted":true,"language":"en","sha256":"\#(digest)0"}"#,
        #"{"version":"1","accepted":true,"language":"en","sha256":""}"#,
        #"{"version":"1","accepted":true,"language":"en","sha256":"\#(String(repeating: "z", count: 64))"}"#,
        #"{"version":"1","accepted":true,"language":"en","sha256":"\#(digest.uppercased())"}"#,
        #"{"version":"1","accepted":true,"language":"en","sha256":" \#(digest.dropLast())"}"#,
        #"{"version":"1","accepted":true,"language":"en","sha256":"\#(digest.dropLast())\u0000"}"#,
        // A language that cannot be one.
        #"{"version":"1","accepted":true,"language":"","sha256":"\#(digest)"}"#,
        #"{"version":"1","accepted":true,"language":"../en","sha256":"\#(digest)"}"#,
        #"{"version":"1","accepted":true,"language":".en","sha256":"\#(digest)"}"#,
        #"{"version":"1","accepted":true,"language":"\#(String(repeating: "e", count: 65))","sha256":"\#(digest)"}"#,
        // Wrong types, nulls, a refusal's text malformed too.
        #"{"version":"1","accepted":true,"language":"en","sha256":12}"#,
        #"{"version":"1","accepted":true,"language":["en"],"sha256":"\#(digest)"}"#,
        #"{"version":"1","accepted":true,"language":null,"sha256":"\#(digest)"}"#,
        #"{"version":"1","accepted":false,"language":"en","sha256":"nope"}"#,
        // Truncated.
        #"{"version":"1","accepted":true,"language":"en","sha256":"\#(digest)"#,
    ])
    func aMalformedTextIsRefused(body: String) async throws {
        for role in [Role.operator, .station] {
            let (status, code) = try await post("/v1/sessions/s1/consent", body, as: role)
            #expect(status == .badRequest && code == "bad_request", "\(role) \(body)")
        }
    }

    /// The body limit holds for the new fields too: nothing is read past it.
    @Test func aHugeDigestIsRefusedAsTooLarge() async throws {
        let body = #"{"version":"1","accepted":true,"language":"en","sha256":"\#(String(repeating: "a", count: 40_000))"}"#
        let (status, code) = try await post("/v1/sessions/s1/consent", body, as: .operator)
        #expect(status == .contentTooLarge && code == "too_large")
    }
}
