import EnrollCore
import Testing

/// Composing a consent text from its parts, so it names only what the policy captures.
@Suite struct ConsentPartsTests {
    let parts = ConsentParts(main: "Main.", fingers: "Fingers.", face: "Face.")

    @Test func everyCaptureIsNamedBeforeTheMainText() {
        #expect(parts.composed(fingers: true, face: true) == "Fingers.\n\nFace.\n\nMain.")
    }

    @Test func aCaptureNotTakenIsNotMentioned() {
        #expect(parts.composed(fingers: true, face: false) == "Fingers.\n\nMain.")
        #expect(parts.composed(fingers: false, face: true) == "Face.\n\nMain.")
        #expect(parts.composed(fingers: false, face: false) == "Main.")
    }

    @Test func aPartThePolicyNeedsMustExist() {
        let noFace = ConsentParts(main: "Main.", fingers: "Fingers.")
        #expect(noFace.composed(fingers: true, face: true) == nil)
        #expect(noFace.composed(fingers: true, face: false) == "Fingers.\n\nMain.")
        #expect(ConsentParts(main: "Main.", face: "Face.").composed(fingers: true, face: true) == nil)
    }

    @Test(arguments: ["1", "2026-11", "centre_v2.1", "en", "fa", String(repeating: "a", count: 64)])
    func safeNames(name: String) {
        #expect(ConsentParts.isSafeName(name))
    }

    @Test(arguments: ["", "..", ".", "../1", "1/../2", "/etc", ".hidden", "a b", "a\0b", "é", "۱", "a\\b",
                      String(repeating: "a", count: 65)])
    func unsafeNames(name: String) {
        #expect(!ConsentParts.isSafeName(name))
    }
}
