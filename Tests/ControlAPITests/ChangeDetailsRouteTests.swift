import Access
import HTTPTypes
import Testing
@testable import ControlAPI

/// `POST /v1/sessions/{id}/subject/edit`: no body, for staff and stations alike.
extension SessionRequestRoutesTests {
    @Test(arguments: [#"{"fields":{"reference":"x"}}"#, "{", "[]", "null", #"{"x":1}"#,
                      String(repeating: "[", count: 10_000), String(repeating: " ", count: 20_000) + "{}"])
    func changeDetailsTakesNoBody(body: String) async throws {
        let (status, code) = try await post("/v1/sessions/s1/subject/edit", body, as: .operator)
        #expect(status == .badRequest || status == .contentTooLarge, "\(status)")
        #expect(code == "bad_request" || code == "too_large")
    }

    @Test(arguments: [(Role.operator, ""), (.supervisor, "{}"), (.station, ""), (.station, "{}")])
    func changeDetailsForEveryoneWhoEnrolls(role: Role, body: String) async throws {
        let (status, _) = try await post("/v1/sessions/s1/subject/edit", body, as: role)
        #expect(status == .ok)
    }

    @Test func notForTechnicians() async throws {
        let (status, code) = try await post("/v1/sessions/s1/subject/edit", "", as: .technician)
        #expect(status == .forbidden && code == "forbidden")
    }
}
