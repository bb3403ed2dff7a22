/// A binary part of a record: a finger image, the face token image or a template.
public struct RecordPart: Sendable, Equatable {
    /// What the part is; the media type follows from it.
    public enum Kind: UInt8, Sendable {
        /// Lossless PNG, 500 ppi, 8-bit gray.
        case fingerImage = 1
        /// ICAO-cropped face token image, JPEG.
        case faceImage = 2
        /// A minutiae template (ISO/IEC 19794-2 style bytes).
        case fingerTemplate = 3

        /// The IANA media type of the part's bytes.
        public var mediaType: String {
            switch self {
            case .fingerImage: "image/png"
            case .faceImage: "image/jpeg"
            case .fingerTemplate: "application/octet-stream"
            }
        }
    }

    public var kind: Kind
    /// ISO finger position 1…10 for finger parts, 0 for the face.
    public var position: UInt8
    public var bytes: [UInt8]

    public init(kind: Kind, position: UInt8, bytes: [UInt8]) {
        self.kind = kind
        self.position = position
        self.bytes = bytes
    }
}
