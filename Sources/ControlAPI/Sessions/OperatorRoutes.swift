import Access
import EnrollCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// `GET/POST /v1/operators`, `DELETE /v1/operators/{id}`, `POST /v1/operators/{id}/finger`,
/// `POST /v1/operators/{id}/unlock`, `GET /v1/diagnostics`, `GET /v1/audit`. Changes, diagnostics and the audit
/// log are socket-only (technicians).
enum OperatorRoutes {
    struct SaveBody: Decodable {
        var operatorID: String
        var role: Role
        var pin: String
        enum CodingKeys: String, CodingKey { case operatorID = "operator_id", role, pin }
    }

    struct FingerBody: Decodable {
        var finger: FingerName?
    }

    static func addListing(to routes: inout Routes, operators: any OperatorOperations) {
        routes.add(.get, "v1/operators", access: .roles([.supervisor, .technician])) { _, _ in
            OperatorList(operators: try await operators.list())
        }
    }

    static func addManagement(to routes: inout Routes, operators: any OperatorOperations) {
        routes.add(.post, "v1/operators", access: .technician) { request, context -> Response in
            let body = try await JSONBody.decode(SaveBody.self, from: request, keys: ["operator_id", "role", "pin"])
            guard validID(body.operatorID) else {
                throw APIProblem(.unprocessableContent, "invalid_operator", "operator_id must be 1–64 letters, digits, '.', '_' or '-'.")
            }
            guard body.role != .station else { throw APIProblem(.unprocessableContent, "invalid_operator", "role must be operator, supervisor or technician.") }
            guard (4...32).contains(body.pin.count), body.pin.allSatisfy(\.isNumber) || body.pin.count >= 6 else {
                throw APIProblem(.unprocessableContent, "invalid_operator", "The PIN must be 4–32 digits (or at least 6 characters).")
            }
            let caller = try SessionRoutes.caller(context)
            let saved = try await operators.save(operatorID: body.operatorID, role: body.role, pin: body.pin, by: caller)
            let headers: HTTPFields = [.contentType: "application/json"]
            return Response(status: .created, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try JSONEncoder().encode(saved))))
        }
        routes.add(.delete, "v1/operators/{operator}", access: .technician) { _, context -> HTTPResponse.Status in
            try await operators.remove(operatorID: try operatorID(context), by: try SessionRoutes.caller(context))
            return .noContent
        }
        routes.add(.post, "v1/operators/{operator}/finger", access: .technician) { request, context -> HTTPResponse.Status in
            let id = try operatorID(context)
            let body = try await JSONBody.decodeOptional(FingerBody.self, from: request, keys: ["finger"])
            try await operators.enrollFinger(operatorID: id, finger: body?.finger?.position ?? .rightIndex, by: try SessionRoutes.caller(context))
            return .noContent
        }
        routes.add(.post, "v1/operators/{operator}/unlock", access: .technician) { _, context -> HTTPResponse.Status in
            try await operators.unlock(operatorID: try operatorID(context), by: try SessionRoutes.caller(context))
            return .noContent
        }
        routes.add(.get, "v1/audit", access: .technician) { request, _ -> Response in
            let query = request.uri.queryParameters
            func number(_ name: String, _ range: ClosedRange<Int64>, default value: Int64) throws(APIProblem) -> Int64 {
                guard let text = query.get(name) else { return value }
                guard text.count <= 19, let number = Int64(text), range.contains(number) else {
                    throw APIProblem(.badRequest, "invalid_query", "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound).")
                }
                return number
            }
            let after = try number("after", 0...Int64.max, default: 0)
            let limit = try number("limit", 1...Int64(AuditPage.maximumLimit), default: 1_000)
            let verify = query.get("verify")
            guard verify == nil || verify == "true" || verify == "false" else {
                throw APIProblem(.badRequest, "invalid_query", "verify must be true or false.")
            }
            let page = try await operators.audit(after: after, limit: Int(limit), verify: verify == "true")
            let headers: HTTPFields = [.contentType: "application/json", .cacheControl: "no-store"]
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try JSONEncoder().encode(page))))
        }
        routes.add(.get, "v1/diagnostics", access: .technician) { _, _ -> Response in
            let headers: HTTPFields = [.contentType: "application/json", .cacheControl: "no-store"]
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: await operators.diagnostics())))
        }
    }

    static func operatorID(_ context: ControlContext) throws(APIProblem) -> String {
        guard let id = context.parameters.get("operator"), validID(id) else { throw APIProblem(.notFound, "not_found", "No such operator.") }
        return id
    }

    static func validID(_ id: String) -> Bool {
        (1...64).contains(id.count) && id.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) }
    }
}
