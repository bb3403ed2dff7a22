import Crypto
import Foundation

/// PINs as salted PBKDF2-HMAC-SHA256, built from swift-crypto's HMAC. A PIN has little
/// entropy, so the slow hash only buys time; the lockout is what stops guessing.
///
/// Stored form: `0x01`, the iteration count (UInt32 big-endian), 16 bytes of salt, the
/// 32-byte derived key. The count travels with the hash so it can be raised later.
public struct PINHasher: Sendable {
    public let iterations: Int
    static let version: UInt8 = 1
    static let saltBytes = 16
    static let keyBytes = 32

    public init(iterations: Int) {
        precondition(iterations >= 1, "at least one iteration")
        self.iterations = iterations
    }

    /// A new stored hash of `pin` with a fresh random salt.
    public func hash(_ pin: String) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<Self.saltBytes).map { _ in UInt8.random(in: 0...255, using: &generator) }
        var out: [UInt8] = [Self.version]
        withUnsafeBytes(of: UInt32(iterations).bigEndian) { out.append(contentsOf: $0) }
        out += salt
        out += Self.derive(pin, salt: salt, iterations: iterations)
        return out
    }

    /// Whether `pin` matches `stored`, comparing in constant time. A malformed stored hash
    /// never matches.
    public static func verify(_ pin: String, against stored: [UInt8]) -> Bool {
        guard stored.count == 1 + 4 + saltBytes + keyBytes, stored[0] == version else { return false }
        let iterations = stored[1..<5].reduce(0) { $0 << 8 | Int($1) }
        guard (1...10_000_000).contains(iterations) else { return false }
        let salt = Array(stored[5..<(5 + saltBytes)])
        let expected = stored[(5 + saltBytes)...]
        let derived = derive(pin, salt: salt, iterations: iterations)
        return constantTimeEqual(derived, Array(expected))
    }

    /// PBKDF2 (RFC 8018) with one 32-byte block, which is all a 32-byte key needs.
    static func derive(_ pin: String, salt: [UInt8], iterations: Int) -> [UInt8] {
        let key = SymmetricKey(data: Array(pin.utf8))
        var u = Array(HMAC<SHA256>.authenticationCode(for: salt + [0, 0, 0, 1], using: key))
        var result = u
        for _ in 1..<max(iterations, 1) {
            u = Array(HMAC<SHA256>.authenticationCode(for: u, using: key))
            for i in 0..<result.count { result[i] ^= u[i] }
        }
        return result
    }

    /// Equal length and equal bytes, looking at every byte whatever the first difference.
    public static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<a.count { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}
