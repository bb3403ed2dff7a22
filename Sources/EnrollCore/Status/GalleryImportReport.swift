/// The answer to `POST /v1/gallery/import`: what a verified central gallery bundle added.
public struct GalleryImportReport: Codable, Sendable, Equatable {
    /// The bundle's sequence number (strictly increasing per central gallery key).
    public var sequence: UInt64
    /// Templates (finger impressions) stored.
    public var entries: Int
    /// Distinct records (people) they belong to.
    public var records: Int
    /// Gallery entries after the import.
    public var galleryEntries: Int
    /// Records the bundle removed (deleted or corrected centrally), whose templates this
    /// kiosk held and no longer holds.
    public var removed: Int

    public init(sequence: UInt64, entries: Int, records: Int, galleryEntries: Int, removed: Int = 0) {
        self.sequence = sequence
        self.entries = entries
        self.records = records
        self.galleryEntries = galleryEntries
        self.removed = removed
    }
}
