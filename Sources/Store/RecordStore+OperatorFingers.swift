/// An operator's enrolled finger, as stored: a libfprint print sealed by the caller.
public struct OperatorFinger: Sendable, Equatable {
    public let operatorID: String
    /// ISO/IEC 19794-2 finger position, 1–10.
    public let fingerPosition: UInt8
    /// ChaCha20-Poly1305 box from Trust's `GalleryCipher`, bound to `binding(operatorID:fingerPosition:)`.
    public let sealedPrint: [UInt8]

    public init(operatorID: String, fingerPosition: UInt8, sealedPrint: [UInt8]) {
        self.operatorID = operatorID
        self.fingerPosition = fingerPosition
        self.sealedPrint = sealedPrint
    }

    /// What the seal authenticates, so a print cannot be moved to another operator or finger.
    public static func binding(operatorID: String, fingerPosition: UInt8) -> [UInt8] {
        Array("operator-finger:\(fingerPosition):\(operatorID)".utf8)
    }
}

extension RecordStore {
    /// Keeps (or replaces) one finger of an active account; audited by id and position.
    public func saveOperatorFinger(_ finger: OperatorFinger, at: Int64, by actor: String) throws {
        try write { c in
            let s = try c.prepare("SELECT active FROM operators WHERE operator_id = ?1").bind(.text(finger.operatorID))
            guard try s.step(), s.int64(0) == 1 else { throw StoreError.notFound("no active operator \(finger.operatorID)") }
            try c.prepare("""
                INSERT INTO operator_fingers (operator_id, finger_position, sealed_print, enrolled_at) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (operator_id, finger_position) DO UPDATE SET sealed_print = excluded.sealed_print, enrolled_at = excluded.enrolled_at
                """)
                .bind(.text(finger.operatorID), .integer(Int64(finger.fingerPosition)), .blob(finger.sealedPrint), .integer(at))
                .run()
            try Self.appendAudit(c, at: at, actor: actor, action: "operator.finger_enrolled:\(finger.operatorID):\(finger.fingerPosition)", recordID: nil)
        }
    }

    /// The enrolled fingers of active accounts: of one operator, or of all when nil.
    public func operatorFingers(of operatorID: String? = nil) throws(StoreError) -> [OperatorFinger] {
        try read { c throws(StoreError) in
            let s = try c.prepare("""
                SELECT f.operator_id, f.finger_position, f.sealed_print FROM operator_fingers f
                JOIN operators o ON o.operator_id = f.operator_id
                WHERE o.active = 1 AND (?1 IS NULL OR f.operator_id = ?1)
                ORDER BY f.operator_id, f.finger_position
                """).bind(operatorID.map { .text($0) } ?? .null)
            var fingers: [OperatorFinger] = []
            while try s.step() {
                fingers.append(OperatorFinger(operatorID: s.text(0) ?? "", fingerPosition: UInt8(clamping: s.int64(1)), sealedPrint: s.blob(2)))
            }
            return fingers
        }
    }
}
