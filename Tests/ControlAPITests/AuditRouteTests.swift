import Access
import EnrollCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import ControlAPI

/// `GET /v1/audit`: technicians on the socket only, and its three query values checked
/// before the store is asked; a broken value is a 400 naming it, never a crash or a page.
@Suite struct AuditRouteTests {
    func get(_ target: String, as role: Role?) async throws -> (HTTPResponse.Status, [String: Any]) {
        let (router, _, _) = TestRouters.make()
        let app = Application(router: router.socketRoutes(authenticator: FakeSocketAuthenticator()).router())
        return try await app.test(.router) { client in
            var headers: HTTPFields = [:]
            if let role { headers[FakeSocketAuthenticator.header] = role.rawValue }
            return try await client.execute(uri: target, method: .get, headers: headers) { response in
                (response.status, (try? JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any]) ?? [:])
            }
        }
    }

    @Test func aTechnicianReadsAPageAndTheChainResult() async throws {
        let (status, page) = try await get("/v1/audit?after=4&limit=10&verify=true", as: .technician)
        #expect(status == .ok)
        let entries = try #require(page["entries"] as? [[String: Any]])
        #expect(entries.first?["seq"] as? Int == 5 && entries.first?["action"] as? String == "session.started")
        #expect(page["verified_entries"] as? Int == 5)
        let (_, plain) = try await get("/v1/audit", as: .technician)
        #expect(plain["verified_entries"] == nil, "verified only when asked")
    }

    @Test(arguments: [Role.operator, .supervisor, .station])
    func nobodyElseReadsIt(_ role: Role) async throws {
        #expect(try await get("/v1/audit", as: role).0 == .forbidden)
    }

    @Test(arguments: ["after=-1", "after=x", "after=99999999999999999999", "limit=0", "limit=10001", "limit=1.5",
                      "verify=yes", "verify=", "after=\(String(repeating: "9", count: 5000))", "limit=%00"])
    func aBrokenQueryValueIsRefusedByName(_ query: String) async throws {
        let (status, body) = try await get("/v1/audit?\(query)", as: .technician)
        #expect(status == .badRequest, "\(query): \(status)")
        #expect(body["error"] as? String == "invalid_query", "\(query): \(body)")
        let name = String(query.prefix { $0 != "=" })
        #expect((body["message"] as? String)?.hasPrefix(name) == true, "\(query): \(body)")
    }
}
