import Access
import EnrollCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The enrollment session routes (docs/sessions.md). Who may call is declared per route;
/// whether the caller owns the session is the session manager's business.
enum SessionRoutes {
    static func add(to routes: inout Routes, sessions: any SessionOperations, approvals: AccessControl?) {
        routes.add(.post, "v1/sessions", access: .enrollment) { _, context -> Response in
            let view = try await sessions.create(by: try caller(context))
            return try created(view)
        }
        routes.add(.get, "v1/sessions/current", access: .enrollment) { _, context in
            try await sessions.current(for: try caller(context))
        }
        routes.add(.get, "v1/sessions/{id}", access: .enrollment) { _, context in
            try await sessions.session(try id(context), for: try caller(context))
        }
        routes.add(.post, "v1/sessions/{id}/consent", access: .enrollment) { request, context -> SessionView in
            let body = try await JSONBody.decode(ConsentRequest.self, from: request,
                                                  keys: ["version", "accepted", "by_guardian", "language", "sha256"])
            guard (1...64).contains(body.version.count) else { throw APIProblem.badRequest("version must be 1–64 characters.") }
            let shown = try shownConsent(body)
            let who = try caller(context)
            let byGuardian = body.byGuardian ?? false
            // No one at a self-service station can see who answers for a child.
            if byGuardian, who.role == .station { throw APIProblem.guardianNeedsStaff }
            return try await sessions.consent(try id(context), version: body.version, shown: shown, accepted: body.accepted,
                                              byGuardian: byGuardian, by: who)
        }
        routes.add(.post, "v1/sessions/{id}/subject", access: .enrollment) { request, context -> SessionView in
            let body = try await JSONBody.decode(SubjectRequest.self, from: request, keys: ["fields"])
            guard body.fields.count <= 32, body.fields.allSatisfy({ $0.key.count <= 64 && $0.value.count <= 200 }) else {
                throw APIProblem.badRequest("At most 32 fields, keys up to 64 and values up to 200 characters.")
            }
            return try await sessions.subject(try id(context), fields: body.fields, by: try caller(context))
        }
        routes.add(.post, "v1/sessions/{id}/finger", access: .enrollment) { request, context -> CaptureResultView in
            let body = try await JSONBody.decode(FingerRequest.self, from: request, keys: ["finger"])
            return try await sessions.captureFinger(try id(context), finger: body.finger.position, by: try caller(context))
        }
        routes.add(.post, "v1/sessions/{id}/finger/exception", access: .enrollment) { request, context -> SessionView in
            let body = try await JSONBody.decode(ExceptionRequest.self, from: request, keys: ["finger", "reason", "supervisor"])
            guard let finger = body.finger else { throw APIProblem.badRequest("The field \"finger\" is required.") }
            let who = try caller(context)
            let approved = try await exception(body, caller: who, approvals: approvals)
            return try await sessions.fingerException(try id(context), finger: finger.position, approved, by: who)
        }
        routes.add(.post, "v1/sessions/{id}/face", access: .enrollment) { _, context in
            try await sessions.captureFace(try id(context), by: try caller(context))
        }
        routes.add(.post, "v1/sessions/{id}/face/exception", access: .enrollment) { request, context -> SessionView in
            let body = try await JSONBody.decode(ExceptionRequest.self, from: request, keys: ["reason", "supervisor"])
            let who = try caller(context)
            let approved = try await exception(body, caller: who, approvals: approvals)
            return try await sessions.faceException(try id(context), approved, by: who)
        }
        routes.add(.post, "v1/sessions/{id}/duplicates/decision", access: .roles([.operator, .supervisor])) { request, context -> SessionView in
            let body = try await JSONBody.decode(DecisionRequest.self, from: request, keys: ["decision", "supervisor"])
            let who = try caller(context)
            let supervisor = try await approver(body.supervisor, caller: who, approvals: approvals) ?? ""
            let decision: DuplicateDecision = body.decision == .samePerson ? .samePerson : .notDuplicate
            return try await sessions.decide(try id(context), decision, supervisorID: supervisor, by: who)
        }
        routes.add(.post, "v1/sessions/{id}/confirm", access: .enrollment) { _, context in
            try await sessions.confirm(try id(context), by: try caller(context))
        }
        routes.add(.post, "v1/sessions/{id}/cancel", access: .enrollment) { _, context in
            try await sessions.cancel(try id(context), by: try caller(context))
        }
        routes.add(.get, "v1/sessions/{id}/events", access: .enrollment) { _, context -> Response in
            let stream = try await sessions.events(try id(context), for: try caller(context))
            let headers: HTTPFields = [.contentType: "text/event-stream", .cacheControl: "no-store"]
            return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                for await message in stream {
                    try await writer.write(ByteBuffer(string: message))
                }
                try await writer.finish(nil)
            })
        }
        // Asked before opening the exception dialog while the reader waits ("I prefer not
        // to"): the waiting capture ends, the exception can then be recorded. No body, or {}.
        routes.add(.post, "v1/sessions/{id}/finger/cancel", access: .enrollment) { request, context -> HTTPResponse.Status in
            _ = try await JSONBody.decodeOptional(EmptyRequest.self, from: request, keys: [])
            try await sessions.cancelFinger(try id(context), by: try caller(context))
            return .noContent
        }
        routes.add(.get, "v1/sessions/admission", access: .enrollment) { _, context in
            await sessions.admission(for: try caller(context))
        }
        // Staff at any time; a station's person a bounded number of times per step (the
        // session counts), so a station left alone still times out and resets.
        routes.add(.post, "v1/sessions/{id}/more_time", access: .enrollment) { request, context -> SessionView in
            _ = try await JSONBody.decodeOptional(EmptyRequest.self, from: request, keys: [])
            return try await sessions.moreTime(try id(context), by: try caller(context))
        }
        // A typo seen on the review: the details step again, every capture kept. A station
        // too: the person typed the details and expects to correct them before saving.
        routes.add(.post, "v1/sessions/{id}/subject/edit", access: .enrollment) { request, context -> SessionView in
            _ = try await JSONBody.decodeOptional(EmptyRequest.self, from: request, keys: [])
            return try await sessions.changeDetails(try id(context), by: try caller(context))
        }
    }

    static func caller(_ context: ControlContext) throws(APIProblem) -> Principal {
        guard let principal = context.principal else { throw APIProblem.unauthenticated }
        return principal
    }

    static func id(_ context: ControlContext) throws(APIProblem) -> String {
        guard let id = context.parameters.get("id"), (1...64).contains(id.count) else {
            throw APIProblem(.notFound, "not_found", "No such session.")
        }
        return id
    }

    static func created(_ view: SessionView) throws -> Response {
        let headers: HTTPFields = [.contentType: "application/json", .cacheControl: "no-store"]
        return Response(status: .created, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try JSONEncoder().encode(view))))
    }

    /// The exception with who approved it: the caller when a supervisor, else the one named.
    static func exception(_ body: ExceptionRequest, caller: Principal, approvals: AccessControl?) async throws(APIProblem) -> CaptureException {
        let approver = try await approver(body.supervisor, caller: caller, approvals: approvals)
        return CaptureException(reason: body.reason, approvedBy: approver)
    }

    static func approver(_ named: SupervisorApproval?, caller: Principal, approvals: AccessControl?) async throws(APIProblem) -> String? {
        if let named {
            guard let approvals else { throw APIProblem(.unprocessableContent, "approval_required", "Approvals by PIN are not available here.") }
            guard (1...64).contains(named.operatorID.count), (4...32).contains(named.pin.count) else {
                throw APIProblem.badRequest("supervisor needs operator_id (1–64) and pin (4–32 characters).")
            }
            do throws(AccessDenied) {
                return try await approvals.approve(supervisorID: named.operatorID, pin: named.pin)
            } catch {
                throw AuthRoutes.problem(error)
            }
        }
        return caller.role == .supervisor ? caller.id : nil
    }
}

extension APIProblem {
    static let guardianNeedsStaff = APIProblem(.unprocessableContent, "guardian_needs_staff",
                                               "A parent's or guardian's consent is recorded only at a staffed desk; please ask a member of staff.")
}
