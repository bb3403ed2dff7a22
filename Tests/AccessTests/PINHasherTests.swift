import Foundation
import Testing
@testable import Access

@Suite struct PINHasherTests {
    let hasher = PINHasher(iterations: 1000)

    @Test func theRightPINVerifiesAndOthersDoNot() {
        let stored = hasher.hash("4711")
        #expect(PINHasher.verify("4711", against: stored))
        for wrong in ["4712", "471", "47110", "", "4711 "] { #expect(!PINHasher.verify(wrong, against: stored)) }
    }

    @Test func eachHashHasItsOwnSaltAndTheIterationCount() {
        let a = hasher.hash("4711"), b = hasher.hash("4711")
        #expect(a != b, "two hashes of one PIN share a salt")
        #expect(a.count == 53)
        #expect(Array(a[1..<5]) == [0, 0, 0x03, 0xE8])
    }

    /// RFC 6070-style check of the PBKDF2 core against a known HMAC-SHA256 vector
    /// (password "password", salt "salt", 1 and 4096 iterations, first 32 bytes).
    @Test(arguments: [
        (1, "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b"),
        (4096, "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a"),
    ])
    func derivationMatchesPublishedVectors(_ iterations: Int, _ hex: String) {
        let key = PINHasher.derive("password", salt: Array("salt".utf8), iterations: iterations)
        #expect(key.map { String(format: "%02x", $0) }.joined() == hex)
    }

    @Test(arguments: [
        [UInt8](), [1], [2] + [UInt8](repeating: 0, count: 52), [1, 0, 0, 0, 0] + [UInt8](repeating: 0, count: 48),
        [1, 0xFF, 0xFF, 0xFF, 0xFF] + [UInt8](repeating: 0, count: 48), [UInt8](repeating: 1, count: 54),
    ])
    func malformedStoredHashesNeverMatch(_ stored: [UInt8]) {
        #expect(!PINHasher.verify("4711", against: stored))
    }

    @Test func constantTimeCompareNeedsEqualLengthAndBytes() {
        #expect(PINHasher.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!PINHasher.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!PINHasher.constantTimeEqual([1, 2], [1, 2, 3]))
        #expect(PINHasher.constantTimeEqual([], []))
    }
}
