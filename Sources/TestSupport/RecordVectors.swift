import EnrollCore
import Foundation

/// The fixed inputs of the checked-in test vectors (Tests/EnrollCoreTests/vectors,
/// described in docs/record-format.md). Keys here are test keys, published on purpose.
public enum RecordVectors {
    public static let recordID = RecordID("01932f4e-8a00-7c3d-9a4b-5e6f708192a3")!
    public static let candidateID = RecordID("01932f4d-0000-7aaa-8bbb-cccccccccccc")!

    /// Ed25519 device private key (32 bytes).
    public static let devicePrivateKey: [UInt8] = Array(repeating: 0x11, count: 32)
    /// X25519 central private key (32 bytes).
    public static let centralPrivateKey: [UInt8] = Array(repeating: 0x22, count: 32)
    /// Ed25519 receipt-signing private key (32 bytes).
    public static let receiptPrivateKey: [UInt8] = Array(repeating: 0x33, count: 32)

    public static let manifest = RecordManifest(
        recordID: recordID,
        deviceID: Array(0x10...0x1F),
        sequence: 7,
        previousHash: Array(repeating: 0xAB, count: 32),
        capturedAt: 1_764_460_800_000,
        committedAt: 1_764_460_921_500,
        operatorID: "op-042",
        consent: .init(textVersion: "2026-11-en", answer: .granted),
        subjectFields: [.init(name: "birth_year", value: "1987"), .init(name: "site", value: "north-7")],
        fingers: [
            .init(position: 2, quality: 81, exception: nil),
            .init(position: 7, quality: nil, exception: .amputated),
        ],
        face: .init(quality: 64, exception: nil),
        duplicateCheck: .init(candidates: [.init(recordID: candidateID, score: 4_120)], decision: .operatorConfirmedNew))

    /// Parts deliberately out of canonical order: encoders must sort them.
    public static let payload = RecordPayload(manifest: manifest, parts: [
        RecordPart(kind: .fingerTemplate, position: 2, bytes: [0x46, 0x4D, 0x52, 0x00, 0x01, 0x02]),
        RecordPart(kind: .fingerImage, position: 2, bytes: Array("PNG-bytes-of-right-index".utf8)),
        RecordPart(kind: .faceImage, position: 0, bytes: Array("JPEG-bytes-of-face".utf8)),
    ])

    /// Tests/EnrollCoreTests/vectors in the source tree.
    public static var folder: URL {
        BuiltProducts.repositoryRoot.appendingPathComponent("Tests/EnrollCoreTests/vectors")
    }

    /// A vector file's hex content as bytes (whitespace ignored); nil when absent.
    public static func read(_ name: String) -> [UInt8]? {
        guard let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) else { return nil }
        return Hex.decode(text.filter { !$0.isWhitespace })
    }

    /// Writes bytes as hex, 64 digits per line.
    public static func write(_ name: String, _ bytes: [UInt8]) throws {
        let hex = Hex.encode(bytes)
        var lines: [Substring] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let end = hex.index(index, offsetBy: 64, limitedBy: hex.endIndex) ?? hex.endIndex
            lines.append(hex[index..<end])
            index = end
        }
        try (lines.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
}
