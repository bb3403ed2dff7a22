import Foundation

/// Unix time in milliseconds: what receipts are checked against (never a test's virtual time).
public enum WallClock {
    public static func milliseconds() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}
