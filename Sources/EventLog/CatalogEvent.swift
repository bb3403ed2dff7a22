import Logging

/// An event a technician may need to act on. Each has a stable journal `MESSAGE_ID`
/// and an entry in `systemd/enrolld.catalog` (cause, effect, what to do), so
/// `journalctl --catalog` explains it and `journalctl MESSAGE_ID=…` finds every occurrence.
///
/// Add a case here, never a bare id string elsewhere: the catalog test walks `allCases`.
public enum CatalogEvent: String, CaseIterable, Sendable {
    case daemonStarted
    case daemonStopping
    case daemonStopped
    case configurationInvalid
    case configurationMissing
    case stateDirectoryUnavailable
    case apiUnavailable
    case watchdogStalled
    case deviceAdded
    case deviceRemoved
    case deviceHealthChanged
    case deviceKeyCreated
    case storageDamaged
    case storageUnavailable
    case storageFull
    case queueAtCapacity
    case outboxChainBroken
    case cameraLost
    case cameraFailed
    case readerTooHot
    case readerFailed
    case readerResetting
    case readerRecovered
    case galleryEntriesSkipped
    case galleryBundleRejected
    case galleryBundleImported
    case sessionCommitFailed
    case operatorLockedOut
    case faceAnalysisUnavailable
    case kioskUnavailable
    case syncFailing
    case syncRecovered
    case receiptRejected
    case readerCooledDown
    case duplicateCheckFailed
    case centralKeysMissing
    case sessionEndedByStop
    case clockSkewed
    case recordChainMissing
    case clientCertificateExpiring
    case stateNotEncrypted
    case auditWriteFailed
    case consentTextMissing
    case databaseOlderThanServer
    case queueNearlyFull
    case swapNotEncrypted
    case centralRecordsResent
    case centralRecordsLost
    case recordsLostFromDatabase
    case chainWitnessCreated
    case chainWitnessUnreadable
    case chainWitnessNotWritten
    case syncNotStarted
    case centralTrustFailing
    case recordsNotPurged
    case centralAwaitsLostRecordsAcknowledgement
    case deviceFlapping
    case tlsFilesReloaded
    case tlsFilesRefused
    case syncStartedLate
    case fingerQualityModelUnavailable

    /// The 128-bit journal message id, as 32 lowercase hex digits.
    public var messageID: String {
        switch self {
        case .daemonStarted: "c614ac70725f424598a13333b43dc4ed"
        case .daemonStopping: "c3607ee7279349ffb91f350fe1ffafbd"
        case .daemonStopped: "f978157354e344f1a1f6e82c3d9f4f78"
        case .configurationInvalid: "14892c27d29e4402ba4bfd8340b1ebfd"
        case .configurationMissing: "5cbc6466e0db4085b698d1bfdb2402cf"
        case .stateDirectoryUnavailable: "f5cedea855a64eb58a74f5847c35d935"
        case .apiUnavailable: "37f897f276f149348812fa624b888845"
        case .watchdogStalled: "817d742e56fc4efeb015fda7972f719d"
        case .deviceAdded: "4ddb5d67adeb47ac990348896ad8d105"
        case .deviceRemoved: "893c4a2242ba4495844e6696cc712170"
        case .deviceHealthChanged: "a034de5797ec4323b6892bd67913204d"
        case .deviceKeyCreated: "6a58cb86a96446e4a138ae5e4ddf9acb"
        case .storageDamaged: "b8aaf6c8e2d340d48870138e2389f0f5"
        case .storageUnavailable: "69810850beb64219881986546a8d84ad"
        case .storageFull: "28baa7b6b8734618a6d4391316f3a4c4"
        case .outboxChainBroken: "746060864683423d94b6b054a4ecb5d7"
        case .queueAtCapacity: "87215499696949ed8d850e22245d7ea1"
        case .cameraLost: "84990c3945f9496db2f44aa880bbad03"
        case .cameraFailed: "2f72bb8a28904c33af418660092dea8d"
        case .readerTooHot: "d71d3cfe3616443ebd283e6f20aec6a3"
        case .readerFailed: "4efefc7c011e430caa43cc4a99fb288e"
        case .readerResetting: "721d6ac6ee4a4c92872256ccd3123dfe"
        case .readerRecovered: "33008fb9be244ad3bac77961ebba2039"
        case .galleryEntriesSkipped: "2c5d74b08799415a9812cc00b9566eae"
        case .galleryBundleRejected: "a59aa773ecf34dc59bdf2a6b0b8f8eea"
        case .galleryBundleImported: "2413163e0af24cd58c0874e29ec7a500"
        case .sessionCommitFailed: "0f985213ffc943a3a17a07b3391a6f0d"
        case .operatorLockedOut: "3bd012019fca4474a39921e6ba2ed05b"
        case .faceAnalysisUnavailable: "414c64aef762423384cb1f074f914a77"
        case .kioskUnavailable: "516f7da026d04cd19c317bc9101398ae"
        case .syncFailing: "9cc92a0df29a4435af75f5f2882a801c"
        case .syncRecovered: "bb6a09dfb12445ae9cfd67016bd72ed9"
        case .receiptRejected: "ed9d5616016a4dd88ae4d679c8bbc792"
        case .readerCooledDown: "32a3bbee520749458d07bad524477c2c"
        case .duplicateCheckFailed: "5b1f0c3e9d2a4e7f8c6b4a2d1e0f9a87"
        case .centralKeysMissing: "c4e81d7a2f6b4b0d9a35e1f07c2b8d64"
        case .sessionEndedByStop: "a5cbfa6090874332b62bc9021841076b"
        case .clockSkewed: "fb5ea17a986b4069a0e437080bafbafe"
        case .recordChainMissing: "8b9ea81768504e12b65f36b687a0ce10"
        case .clientCertificateExpiring: "0ead5f388c3f41f8bbd926a8db8966c3"
        case .stateNotEncrypted: "407267b41d674b938724798f9e900aa0"
        case .auditWriteFailed: "e73eac1ae0a748a6a0900ee523ce31f0"
        case .consentTextMissing: "a538c2cd7da7482986087b63e7fe731a"
        case .databaseOlderThanServer: "479d6129da7c422a86d42eea47855a2a"
        case .queueNearlyFull: "f8562f34569d48f88fc5a0ff28de8d39"
        case .swapNotEncrypted: "db783d2da23b494e8764b45f59e8da73"
        case .centralRecordsResent: "08169c2d45ba444291dabeab5a2e6bdd"
        case .centralRecordsLost: "792aaad1c2cc486f8ca5866f05f8987a"
        case .recordsLostFromDatabase: "81057618997247ab94f767d8dac059ad"
        case .chainWitnessCreated: "3a87b25c83e8464fb8539ea9e32e97bb"
        case .chainWitnessUnreadable: "fba3d130b6464a2ca7bf3c98cfedc211"
        case .chainWitnessNotWritten: "ad0f3fe3e04747bd879a39b92166e8fd"
        case .syncNotStarted: "8538f842d6c248b2bed90d9ec1accf83"
        case .centralTrustFailing: "b84c4b71bb764808ab308289c7bf1e76"
        case .recordsNotPurged: "f26186a5401f4aa385a2e2e53ef8fd1a"
        case .centralAwaitsLostRecordsAcknowledgement: "10ffd806c68d4278800ede0606d9d284"
        case .deviceFlapping: "f9f7b91cb1e34e81a74a4e843669aec2"
        case .tlsFilesReloaded: "539ac260402a485ea16d2266d14af826"
        case .tlsFilesRefused: "9100059d9da04de8aea72bba1c6ae5ab"
        case .syncStartedLate: "071d4c4fd9c84af794a8f975d392f6c1"
        case .fingerQualityModelUnavailable: "d25ce9d3027040e7b6437aa6e6814b8d"
        }
    }

    /// How loud the event is; the journal handler maps this to syslog `PRIORITY`.
    public var level: Logger.Level {
        switch self {
        case .daemonStarted, .daemonStopping, .daemonStopped, .configurationMissing, .deviceAdded, .deviceHealthChanged,
             .deviceKeyCreated, .readerRecovered: .notice
        case .deviceRemoved, .queueAtCapacity, .cameraLost, .readerTooHot, .readerResetting: .warning
        case .storageDamaged, .storageUnavailable, .storageFull, .outboxChainBroken, .readerFailed: .error
        case .configurationInvalid, .stateDirectoryUnavailable, .apiUnavailable, .cameraFailed: .error
        case .kioskUnavailable: .error
        case .watchdogStalled: .critical
        case .galleryBundleImported: .notice
        case .galleryEntriesSkipped, .galleryBundleRejected: .warning
        case .operatorLockedOut: .warning
        case .sessionCommitFailed, .faceAnalysisUnavailable: .error
        case .syncRecovered: .notice
        case .syncFailing: .warning
        case .receiptRejected: .error
        case .readerCooledDown: .notice
        case .duplicateCheckFailed: .warning
        case .centralKeysMissing: .error
        case .sessionEndedByStop: .warning
        case .clockSkewed: .warning
        case .recordChainMissing: .error
        case .clientCertificateExpiring: .warning
        case .stateNotEncrypted: .warning
        case .auditWriteFailed: .error
        case .consentTextMissing: .error
        case .databaseOlderThanServer: .error
        case .queueNearlyFull: .warning
        case .swapNotEncrypted: .warning
        case .centralRecordsResent: .warning
        case .centralRecordsLost: .error
        case .recordsLostFromDatabase, .chainWitnessUnreadable: .error
        case .chainWitnessCreated: .notice
        case .chainWitnessNotWritten: .error
        case .syncNotStarted: .error
        case .centralTrustFailing: .error
        case .recordsNotPurged: .warning
        case .centralAwaitsLostRecordsAcknowledgement: .warning
        case .deviceFlapping: .warning
        case .tlsFilesReloaded: .info
        case .tlsFilesRefused: .error
        case .syncStartedLate: .notice
        case .fingerQualityModelUnavailable: .warning
        }
    }
}
