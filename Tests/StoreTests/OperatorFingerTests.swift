import EnrollCore
import Foundation
import Store
import TestSupport
import Testing
import Trust

@Suite("Operators' enrolled fingers on a real SQLite file")
struct OperatorFingerTests {
    let print = Array("LIBFPRINT-PRINT-MARKER-0123456789".utf8)

    func sealed(_ cipher: GalleryCipher, _ id: String, _ position: UInt8) throws -> OperatorFinger {
        OperatorFinger(operatorID: id, fingerPosition: position,
                       sealedPrint: try cipher.seal(print, entryID: OperatorFinger.binding(operatorID: id, fingerPosition: position)))
    }

    @Test("Fingers are kept sealed, listed per operator, replaced per finger, and audited")
    func keptSealedAndListed() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        let cipher = try GalleryCipher.loadOrCreate(in: fixture.folder.path)
        for id in ["op1", "op2"] {
            try store.saveOperator(OperatorAccount(operatorID: id, role: .operator_, credentialHash: [1], active: true), at: fixture.t0, by: "tech")
        }
        try store.saveOperatorFinger(try sealed(cipher, "op1", 2), at: fixture.t0, by: "tech")
        try store.saveOperatorFinger(try sealed(cipher, "op1", 2), at: fixture.t0 + 1, by: "tech")  // again: replaced
        try store.saveOperatorFinger(try sealed(cipher, "op2", 7), at: fixture.t0, by: "tech")

        #expect(try store.operatorFingers().map { "\($0.operatorID):\($0.fingerPosition)" } == ["op1:2", "op2:7"])
        let mine = try store.operatorFingers(of: "op1")
        #expect(mine.count == 1)
        #expect(cipher.open(mine[0].sealedPrint, entryID: OperatorFinger.binding(operatorID: "op1", fingerPosition: 2)) == print)
        // Moved to another operator or finger, the box does not open.
        #expect(cipher.open(mine[0].sealedPrint, entryID: OperatorFinger.binding(operatorID: "op2", fingerPosition: 2)) == nil)
        #expect(cipher.open(mine[0].sealedPrint, entryID: OperatorFinger.binding(operatorID: "op1", fingerPosition: 7)) == nil)
        // Nothing in the files is the plain print.
        try store.checkpointTruncate()
        #expect(!fixture.databaseFiles().values.contains { contains($0, print) })
        let actions = try store.auditEntries().map(\.action)
        #expect(actions.filter { $0 == "operator.finger_enrolled:op1:2" }.count == 2)
        #expect(try store.verifyAuditLog() > 0)
    }

    @Test("A removed operator's fingers are deleted with the removal; unknown or removed operators get none")
    func removalDeletesFingers() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        let cipher = try GalleryCipher.loadOrCreate(in: fixture.folder.path)
        try store.saveOperator(OperatorAccount(operatorID: "op1", role: .operator_, credentialHash: [1], active: true), at: fixture.t0, by: "tech")
        try store.saveOperatorFinger(try sealed(cipher, "op1", 2), at: fixture.t0, by: "tech")
        // A PIN change keeps the finger.
        try store.saveOperator(OperatorAccount(operatorID: "op1", role: .supervisor, credentialHash: [2], active: true), at: fixture.t0, by: "tech")
        #expect(try store.operatorFingers(of: "op1").count == 1)

        try store.saveOperator(OperatorAccount(operatorID: "op1", role: .supervisor, credentialHash: [2], active: false), at: fixture.t0, by: "tech")
        #expect(try store.operatorFingers().isEmpty)
        try store.checkpointTruncate()
        #expect(!fixture.databaseFiles().values.contains { contains($0, print) })

        #expect(throws: StoreError.self) { try store.saveOperatorFinger(try sealed(cipher, "op1", 2), at: fixture.t0, by: "tech") }
        #expect(throws: StoreError.self) { try store.saveOperatorFinger(try sealed(cipher, "nobody", 2), at: fixture.t0, by: "tech") }
        #expect(try store.operatorFingers().isEmpty)
    }
}
