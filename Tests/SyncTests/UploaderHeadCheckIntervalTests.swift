import Crypto
import EnrollCore
import Foundation
import Logging
import Store
import Sync
import TestSupport
import Testing
import Trust

/// The idle uploader asks the central server for its chain head every
/// `SyncSettings.headCheckMilliseconds` (`central.head_check_minutes`), on the uploader's
/// timer: virtual time here, so hours pass in a moment and nothing depends on the machine's
/// speed.
@Suite struct UploaderHeadCheckIntervalTests {
    static let idlePoll: Int64 = 5_000

    /// The timer's times of the first `questions` head questions of an idle uploader (an
    /// empty outbox) checking every `interval` milliseconds.
    static func questionTimes(interval: Int64, questions: Int) async throws -> (asked: [Int64], posts: Int) {
        let folder = try BuiltProducts.temporaryFolder()
        let store = try RecordStore.open(directory: folder.path, limits: .init(maximumQueueBytes: 1 << 30, minimumFreeBytes: 0, retentionMilliseconds: 86_400_000))
        let timer = FakeSyncTimer()
        let transport = FakeHeadTransport(timer: timer)
        var settings = SyncSettings(url: "https://fake.invalid", caFile: "", clientCertificate: "", clientKey: "")
        settings.deviceID = Hex.encode(DeviceKey().deviceID)
        settings.idlePollMilliseconds = idlePoll
        settings.headCheckMilliseconds = interval
        var logger = Logger(label: "head-check-test")
        logger.logLevel = .warning
        let uploader = Uploader(settings: settings, queue: StoreThread(store: store), transport: transport,
                                verifier: ReceiptVerifier(receiptKey: Curve25519.Signing.PrivateKey().publicKey), logger: logger, timer: timer)
        // The limit only guards against a hang; virtual time makes the wait short.
        let done = await SyncFixture.run(uploader, timeout: .seconds(300)) { transport.asked.count >= questions }
        #expect(done, "asked only at \(transport.asked)")
        return (Array(transport.asked.prefix(questions)), transport.posts)
    }

    @Test(arguments: [60_000, 900_000, 3_600_000] as [Int64])
    func theHeadIsAskedAgainAfterTheConfiguredInterval(_ interval: Int64) async throws {
        let (asked, posts) = try await Self.questionTimes(interval: interval, questions: 4)
        try #require(asked.count == 4)
        #expect(posts == 0, "nothing to upload")
        // The uploader notices at its next idle poll once the interval has passed: never
        // sooner than the interval, never a poll later.
        for (earlier, later) in zip(asked, asked.dropFirst()) {
            let gap = later - earlier
            #expect(gap >= interval && gap < interval + Self.idlePoll, "asked \(gap) ms apart with \(interval) ms configured")
        }
    }

    @Test func aLongerIntervalMeansFewerQuestions() async throws {
        let short = try await Self.questionTimes(interval: 60_000, questions: 3).asked
        let long = try await Self.questionTimes(interval: 600_000, questions: 3).asked
        try #require(short.count == 3 && long.count == 3)
        // Ten times the interval, ten times the span of three questions.
        #expect((long[2] - long[0]) == 10 * (short[2] - short[0]), "short \(short), long \(long)")
    }
}
