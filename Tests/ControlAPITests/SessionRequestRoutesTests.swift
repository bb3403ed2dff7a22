import Access
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import ControlAPI

/// What the session routes take and refuse before the session manager sees a request.
@Suite struct SessionRequestRoutesTests {
    /// Posts `body` to `path` on the loopback routes as `role`; the answer's status and
    /// `error` code.
    func post(_ path: String, _ body: String, as role: Role) async throws -> (HTTPResponse.Status, String?) {
        let (router, control, _) = TestRouters.make()
        let token: String
        if role == .station {
            token = try await control.login(.station(token: TestRouters.stationToken)).token
        } else {
            token = try await control.login(.pin(operatorID: role.rawValue, pin: "4711")).token
        }
        let app = Application(router: router.loopbackRoutes().router())
        return try await app.test(.router) { client in
            let headers: HTTPFields = [.contentType: "application/json", .authorization: "Bearer \(token)"]
            return try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
                let object = try? JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any]
                return (response.status, object?["error"] as? String)
            }
        }
    }

    /// A free-text note was asked for and then dropped; now it is not taken at all.
    @Test(arguments: [
        ("/v1/sessions/s1/finger/exception", #"{"finger":"right_index","reason":"bandaged","note":"cast"}"#),
        ("/v1/sessions/s1/face/exception", #"{"reason":"declined","note":""}"#),
        ("/v1/sessions/s1/face/exception", #"{"reason":"other","note":"\#(String(repeating: "x", count: 5000))"}"#),
    ])
    func anExceptionWithANoteIsRefused(path: String, body: String) async throws {
        let (status, code) = try await post(path, body, as: .supervisor)
        #expect(status == .badRequest && code == "bad_request")
    }

    @Test func anExceptionWithoutANoteIsTaken() async throws {
        let (status, _) = try await post("/v1/sessions/s1/finger/exception", #"{"finger":"right_index","reason":"missing"}"#, as: .supervisor)
        #expect(status == .ok)
    }

    @Test(arguments: [#"{"reason":"declined"}"#, "{", "[]", #"{"reason":"declined","supervisor":null,"x":1}"#])
    func moreTimeTakesNoBody(body: String) async throws {
        let (status, code) = try await post("/v1/sessions/s1/more_time", body, as: .operator)
        #expect(status == .badRequest && code == "bad_request")
    }

    /// Staff, and a station's person ("I am still here"; the session bounds how often).
    @Test(arguments: ["", "{}"])
    func moreTimeForStaffAndStations(body: String) async throws {
        let (status, _) = try await post("/v1/sessions/s1/more_time", body, as: .operator)
        #expect(status == .ok)
        let (station, _) = try await post("/v1/sessions/s1/more_time", body, as: .station)
        #expect(station == .ok)
    }

    @Test(arguments: [#"{"reason":"declined"}"#, "{", "[]", "\u{0}", String(repeating: "{", count: 70000)])
    func aStationsMoreTimeTakesNoBodyEither(body: String) async throws {
        let (status, code) = try await post("/v1/sessions/s1/more_time", body, as: .station)
        #expect((status == .badRequest && code == "bad_request") || (status == .contentTooLarge && code == "too_large"), "\(status) \(code ?? "")")
    }

    /// No one at a self-service station can see who answers for a child.
    @Test(arguments: [#"{"version":"1","accepted":true,"by_guardian":true}"#, #"{"version":"1","accepted":false,"by_guardian":true}"#])
    func aStationCannotSendAGuardiansConsent(body: String) async throws {
        let (status, code) = try await post("/v1/sessions/s1/consent", body, as: .station)
        #expect(status == .unprocessableContent && code == "guardian_needs_staff")
    }

    @Test(arguments: [Role.operator, .supervisor])
    func staffMaySendAGuardiansConsent(role: Role) async throws {
        let (status, _) = try await post("/v1/sessions/s1/consent", #"{"version":"1","accepted":true,"by_guardian":true}"#, as: role)
        #expect(status == .ok)
    }

    @Test(arguments: [#"{"version":"1","accepted":true,"by_guardian":"yes"}"#, #"{"version":"1","accepted":true,"by_guardian":1}"#,
                      #"{"version":"1","accepted":true,"by_guardian":true,"guardian_name":"x"}"#, #"{"version":"1","by_guardian":true}"#,
                      #"{"version":"1","accepted":true,"by_guardian":tru"#])
    func aBrokenGuardianFlagIsRefused(body: String) async throws {
        for role in [Role.operator, .station] {
            let (status, code) = try await post("/v1/sessions/s1/consent", body, as: role)
            #expect(status == .badRequest && code == "bad_request", "\(role) \(body)")
        }
    }

    @Test func aStationsOwnConsentIsTaken() async throws {
        let (status, _) = try await post("/v1/sessions/s1/consent", #"{"version":"1","accepted":true,"by_guardian":false}"#, as: .station)
        #expect(status == .ok)
    }
}

