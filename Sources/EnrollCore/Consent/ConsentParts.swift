/// One consent text version in one language, as its parts: what is always said, and the
/// paragraphs that describe a capture, said only when the policy takes it. A person is
/// never told that their face is photographed at a kiosk that takes no photograph.
///
/// The daemon reads the parts from files (`consent/<version>/<language>.txt`,
/// `….fingers.txt`, `….face.txt`); this type only composes them, so what is shown and
/// what its digest covers are decided in one place.
public struct ConsentParts: Sendable, Equatable {
    /// Said whatever is captured: purpose, storage, the right to say no.
    public var main: String
    /// Said when the policy takes at least one finger.
    public var fingers: String?
    /// Said when the policy takes the face.
    public var face: String?

    public init(main: String, fingers: String? = nil, face: String? = nil) {
        self.main = main
        self.fingers = fingers
        self.face = face
    }

    /// The text shown: the capture paragraphs the policy needs (fingers, then face), then
    /// the main text, separated by blank lines. Nil when the policy needs a part this
    /// version does not have.
    public func composed(fingers takesFingers: Bool, face takesFace: Bool) -> String? {
        var paragraphs: [String] = []
        if takesFingers {
            guard let fingers else { return nil }
            paragraphs.append(fingers)
        }
        if takesFace {
            guard let face else { return nil }
            paragraphs.append(face)
        }
        paragraphs.append(main)
        return paragraphs.joined(separator: "\n\n")
    }

    /// Whether `name` may name a consent version or a language: it becomes a folder or
    /// file name, so only letters, digits, `.`, `_` and `-`, 1–64 characters, and never a
    /// leading dot (no `..`, no hidden files, no `/`).
    public static func isSafeName(_ name: String) -> Bool {
        guard (1...64).contains(name.utf8.count), name.first != "." else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                || ("0"..."9").contains(scalar) || scalar == "." || scalar == "_" || scalar == "-")
        }
    }
}
