import EnrollCore
import Testing

/// One list of finger names for the API and the configuration.
@Suite struct FingerPositionNameTests {
    @Test(arguments: FingerPosition.allCases)
    func everyFingerIsFoundByItsName(_ finger: FingerPosition) {
        #expect(FingerPosition(name: finger.name) == finger)
    }

    @Test func theNamesAreTheDocumentedOnes() {
        #expect(FingerPosition.allCases.map(\.name) == [
            "right_thumb", "right_index", "right_middle", "right_ring", "right_little",
            "left_thumb", "left_index", "left_middle", "left_ring", "left_little",
        ])
        #expect(Set(FingerPosition.allCases.map(\.name)).count == 10)
    }

    @Test(arguments: ["", "Right_Index", "right index", " right_index", "right_index ", "right_index\u{0}", "1", "rightIndex",
                      "right_", "_index", String(repeating: "right_index", count: 1000), "رast_index", "right_ındex"])
    func anythingElseIsNoFinger(_ name: String) {
        #expect(FingerPosition(name: name) == nil)
    }
}
