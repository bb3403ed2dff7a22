import EnrollCore

/// A template kept for on-device duplicate checks, encrypted by the caller.
public struct GalleryEntry: Sendable, Equatable {
    public let entryID: [UInt8]
    public let recordID: RecordID
    public let fingerPosition: UInt8
    /// ChaCha20-Poly1305 box from Trust's `GalleryCipher`; the store never sees plaintext.
    public let sealedTemplate: [UInt8]
    public let addedAt: Int64

    public init(entryID: [UInt8], recordID: RecordID, fingerPosition: UInt8, sealedTemplate: [UInt8], addedAt: Int64) {
        self.entryID = entryID
        self.recordID = recordID
        self.fingerPosition = fingerPosition
        self.sealedTemplate = sealedTemplate
        self.addedAt = addedAt
    }
}

extension RecordStore {
    /// Stores one finger's templates, replacing what the gallery held for that record and
    /// finger: a superseded template is deleted, not left behind on disk.
    public func addGalleryEntry(_ entry: GalleryEntry) throws {
        try write { c in
            try c.prepare("DELETE FROM gallery WHERE record_id = ?1 AND finger_position = ?2")
                .bind(.blob(entry.recordID.bytes), .integer(Int64(entry.fingerPosition))).run()
            try c.prepare("INSERT INTO gallery (entry_id, record_id, finger_position, sealed_template, added_at) VALUES (?1, ?2, ?3, ?4, ?5)")
                .bind(.blob(entry.entryID), .blob(entry.recordID.bytes), .integer(Int64(entry.fingerPosition)), .blob(entry.sealedTemplate), .integer(entry.addedAt))
                .run()
        }
    }

    /// Deletes every template of these records (the central office removed them), in one
    /// transaction, with an audit entry for each record that had any; secure_delete
    /// overwrites the bytes. Returns how many records had templates here.
    public func removeGalleryRecords(_ records: [RecordID], at now: Int64) throws -> Int {
        try write { c in
            let delete = try c.prepare("DELETE FROM gallery WHERE record_id = ?1")
            var removed = 0
            for record in records {
                try delete.bind(.blob(record.bytes)).run()
                guard c.changes > 0 else { continue }
                removed += 1
                try Self.appendAudit(c, at: now, actor: "central", action: "gallery.removed", recordID: record)
            }
            return removed
        }
    }

    public func galleryEntries() throws(StoreError) -> [GalleryEntry] {
        try read { c throws(StoreError) in
            let s = try c.prepare("SELECT entry_id, record_id, finger_position, sealed_template, added_at FROM gallery ORDER BY added_at, entry_id")
            var entries: [GalleryEntry] = []
            while try s.step() {
                guard let record = RecordID(bytes: s.blob(1)) else { continue }
                entries.append(GalleryEntry(entryID: s.blob(0), recordID: record, fingerPosition: UInt8(clamping: s.int64(2)), sealedTemplate: s.blob(3), addedAt: s.int64(4)))
            }
            return entries
        }
    }
}
