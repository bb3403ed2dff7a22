import Crypto
import EnrollCore
@testable import EnrollDaemon

extension DaemonConfiguration {
    /// What the record keeper needs to open in a test: fresh central keys and no free-space
    /// floor (a test folder on a nearly full disk must not refuse).
    static func forRecordTests() -> DaemonConfiguration {
        var configuration = DaemonConfiguration()
        configuration.storage.minimumFreeMiB = 0
        configuration.central.sealingPublicKey = Hex.encode(Curve25519.KeyAgreement.PrivateKey().publicKey.rawRepresentation)
        configuration.central.receiptPublicKey = Hex.encode(Curve25519.Signing.PrivateKey().publicKey.rawRepresentation)
        return configuration
    }
}
