import Access
import ControlAPI
import EnrollCore
import Testing
@testable import EnrollDaemon

/// Maintenance before a restart: new sessions are held back with their own code, the open
/// one goes on to its record, each switch is audited, and a switch the audit log cannot
/// record does not happen.
@Suite struct SessionMaintenanceTests {
    let technician = Principal(id: "uid:0", role: .technician, via: .socket)
    let operatorA = Principal(id: "op1", role: .operator, via: .pin)

    @Test func newSessionsAreHeldBackWhileTheOpenOneFinishes() async throws {
        let records = FakeSessionRecords()
        let harness = SessionManagerTests()
        let sessions = harness.manager(records: records)
        let open = try await harness.capture(sessions, as: operatorA)

        #expect(try await sessions.maintenance(true, by: technician) == MaintenanceView(on: true, sessionOpen: true))
        let admission = await sessions.admission(for: operatorA)
        #expect(!admission.accepting && admission.error == "maintenance" && admission.message?.contains("enrollctl maintenance off") == true)

        // The open session reaches its record.
        #expect(try await sessions.confirm(open.id, by: operatorA).step == "committed")
        #expect(records.committed.count == 1)
        #expect(try await sessions.maintenance(nil, by: technician) == MaintenanceView(on: true, sessionOpen: false))
        do {
            _ = try await sessions.create(by: operatorA)
            Issue.record("a session started during maintenance")
        } catch {
            #expect(error.code == "maintenance" && error.description.hasPrefix("503 "), "\(error)")
        }

        #expect(try await sessions.maintenance(false, by: technician) == MaintenanceView(on: false, sessionOpen: false))
        #expect(try await sessions.create(by: operatorA).step == "consent")
        #expect(records.audit.filter { $0.contains("maintenance") } == ["uid:0 maintenance.on", "uid:0 maintenance.off"])
    }

    @Test func switchingToTheSameStateWritesNothing() async throws {
        let records = FakeSessionRecords()
        let sessions = SessionManagerTests().manager(records: records)
        #expect(try await sessions.maintenance(false, by: technician) == MaintenanceView(on: false, sessionOpen: false))
        _ = try await sessions.maintenance(true, by: technician)
        _ = try await sessions.maintenance(true, by: technician)
        #expect(records.audit == ["uid:0 maintenance.on"])
    }

    @Test func aSwitchTheAuditLogCannotRecordIsRefused() async throws {
        let records = FakeUnwritableAudit(writable: false)
        let sessions = SessionAuditTests().manager(records)
        do {
            _ = try await sessions.maintenance(true, by: technician)
            Issue.record("maintenance switched without its audit entry")
        } catch {
            #expect(error.code == "audit_unavailable")
        }
        #expect(await sessions.admission(for: operatorA).accepting, "still accepting: the switch did not happen")
    }
}
