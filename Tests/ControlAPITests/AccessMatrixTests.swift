import Access
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import ControlAPI

/// Every role (and no one) against every route of both listeners, generated from the
/// route table: a route added without the right access rule, or a rule that lets the
/// wrong role through, fails here. Loopback uses real logins (PIN, station token) and
/// bearer tokens; the socket's peer check is replaced by a header.
@Suite struct AccessMatrixTests {
    static let callers: [Role?] = [nil] + Role.allCases.map(Optional.some)

    static func concrete(_ path: String) -> String {
        "/" + path.split(separator: "/").map { $0.hasPrefix("{") ? ($0 == "{operator}" ? "op1" : "s1") : String($0) }.joined(separator: "/")
    }

    @Test func loopbackAdmitsExactlyTheDeclaredRoles() async throws {
        let (router, control, _) = TestRouters.make()
        var tokens: [Role: String] = [:]
        for role in [Role.operator, .supervisor, .technician] {
            tokens[role] = try await control.login(.pin(operatorID: role.rawValue, pin: "4711")).token
        }
        tokens[.station] = try await control.login(.station(token: TestRouters.stationToken)).token
        let routes = router.loopbackRoutes()
        // Logout ends the login it is called with: walk it last.
        let entries = routes.entries.filter { $0.path != "v1/auth/logout" } + routes.entries.filter { $0.path == "v1/auth/logout" }
        let logins = tokens
        let app = Application(router: routes.router())
        let (unauthorisedSuccesses, checked) = try await app.test(.router) { client -> ([String], Int) in
            var unauthorisedSuccesses: [String] = []
            var checked = 0
            for entry in entries {
                for caller in Self.callers {
                    var headers: HTTPFields = [.contentType: "application/json"]
                    if let caller { headers[.authorization] = "Bearer \(logins[caller]!)" }
                    // The login route wants its fixed CSRF value; everything else goes without.
                    if entry.path.hasPrefix("v1/auth/login") { headers[LoopbackAuthenticator.csrfHeader] = "login" }
                    let status = try await client.execute(uri: Self.concrete(entry.path), method: entry.method, headers: headers, body: ByteBuffer(string: "{}")) { $0.status }
                    checked += 1
                    let refused = status == .unauthorized || status == .forbidden
                    if entry.access.admits(caller) {
                        #expect(!refused || entry.path == "v1/auth/login", "\(caller?.rawValue ?? "anonymous") was refused \(entry.method) /\(entry.path): \(status)")
                    } else if !refused {
                        unauthorisedSuccesses.append("\(caller?.rawValue ?? "anonymous") \(entry.method) /\(entry.path) → \(status.code)")
                    }
                }
            }
            return (unauthorisedSuccesses, checked)
        }
        #expect(unauthorisedSuccesses.isEmpty, "\(unauthorisedSuccesses)")
        #expect(checked == entries.count * Self.callers.count)
        #expect(entries.count >= 24)
    }

    @Test func socketAdmitsExactlyTheDeclaredRoles() async throws {
        let (router, _, _) = TestRouters.make()
        let routes = router.socketRoutes(authenticator: FakeSocketAuthenticator())
        let entries = routes.entries
        let app = Application(router: routes.router())
        let unauthorisedSuccesses = try await app.test(.router) { client -> [String] in
            var unauthorisedSuccesses: [String] = []
            for entry in entries {
                for caller in Self.callers {
                    var headers: HTTPFields = [.contentType: "application/json"]
                    if let caller { headers[FakeSocketAuthenticator.header] = caller.rawValue }
                    let status = try await client.execute(uri: Self.concrete(entry.path), method: entry.method, headers: headers, body: ByteBuffer(string: "{}")) { $0.status }
                    let refused = status == .unauthorized || status == .forbidden
                    if entry.access.admits(caller) {
                        #expect(!refused, "\(caller?.rawValue ?? "anonymous") was refused \(entry.method) /\(entry.path): \(status)")
                    } else if !refused {
                        unauthorisedSuccesses.append("\(caller?.rawValue ?? "anonymous") \(entry.method) /\(entry.path) → \(status.code)")
                    }
                }
            }
            return unauthorisedSuccesses
        }
        #expect(unauthorisedSuccesses.isEmpty, "\(unauthorisedSuccesses)")
    }

    /// The technician never reaches a session, and a station never reaches operator
    /// administration or diagnostics: the rules themselves, not just their enforcement.
    @Test func rolesKeepToTheirSide() {
        let (router, _, _) = TestRouters.make()
        for entry in router.socketRoutes(authenticator: FakeSocketAuthenticator()).entries + router.loopbackRoutes().entries {
            if entry.path.hasPrefix("v1/sessions") { #expect(!entry.access.admits(.technician), "/\(entry.path)") }
            if entry.path.hasPrefix("v1/operators") || entry.path.hasPrefix("v1/diagnostics") || entry.path.hasPrefix("v1/readers") || entry.path.hasPrefix("v1/audit") {
                #expect(!entry.access.admits(.station) && !entry.access.admits(.operator), "/\(entry.path)")
            }
        }
    }

    /// Every route the code serves is in the contract, and every operation of the contract
    /// is served by one of the listeners: a new route cannot be forgotten in either.
    @Test func routesAndContractAgree() throws {
        let (router, _, _) = TestRouters.make()
        let served = Set((router.socketRoutes(authenticator: FakeSocketAuthenticator()).entries + router.loopbackRoutes().entries)
            .map { "\($0.method.rawValue.lowercased()) /\($0.path.replacingOccurrences(of: "{operator}", with: "{operator_id}").replacingOccurrences(of: "{id}", with: "{session_id}"))" }
            .filter { !$0.hasSuffix(" //") })
        let contract = try Self.contractOperations()
        #expect(served.subtracting(contract).isEmpty, "served but not in docs/control-api.yaml: \(served.subtracting(contract).sorted())")
        #expect(contract.subtracting(served).isEmpty, "in the contract but not served: \(contract.subtracting(served).sorted())")
    }

    static func contractOperations() throws -> Set<String> {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/control-api.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        var operations: Set<String> = []
        var path: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  /"), line.hasSuffix(":") { path = String(line.dropFirst(2).dropLast()); continue }
            if line.hasPrefix("components:") { break }
            if let path, let method = ["get", "post", "put", "delete"].first(where: { line == "    \($0):" }) {
                operations.insert("\(method) \(path)")
            }
        }
        return operations
    }
}
