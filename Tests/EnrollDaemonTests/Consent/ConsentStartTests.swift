import EventLog
import Foundation
import Systemd
import Testing
import TestSupport

/// The real daemon refuses to start without the consent text of a language its kiosk page
/// offers, and journals which words the version stands for when it has them.
extension DaemonProcessTests {
    static var kioskUI: String { BuiltProducts.repositoryRoot.appendingPathComponent("ui/kiosk").path }
    static var shippedConsent: String { BuiltProducts.repositoryRoot.appendingPathComponent("config/consent").path }

    @Test func noConsentTextForAKioskLanguageStopsTheStart() async throws {
        let kiosk = try Kiosk(
            extra: "session: {consent_directory: \"\(Self.shippedConsent)\", local_consent_directory: consent, consent_version: \"7\"}",
            api: ", kiosk_directory: \"\(Self.kioskUI)\"")
        let daemon = try kiosk.start()
        try #require(await daemon.waitForExit(timeout: .seconds(60)), "enrolld kept running without a consent text")
        #expect(daemon.process.terminationStatus == 78)
        let entry = try #require(kiosk.entries(.consentTextMissing).first, "stderr: \(daemon.stderr)")
        let message = entry["MESSAGE"] ?? ""
        #expect(message.contains("consent text version 7 has no text in language en"), "\(message)")
        #expect(message.contains("\(kiosk.folder.path)/consent/7/en.txt"), "\(message)")
        #expect(entry["PRIORITY"] == "3")
        // Refused before anything else: the state directory was never taken.
        #expect(!FileManager.default.fileExists(atPath: kiosk.folder.appendingPathComponent("state/enrolld.sqlite").path))
    }

    @Test func aBrokenCentreTextStopsTheStartNamingTheFile() async throws {
        let kiosk = try Kiosk(
            extra: "session: {consent_directory: \"\(Self.shippedConsent)\", local_consent_directory: consent, consent_version: centre-1, face: false}",
            api: ", kiosk_directory: \"\(Self.kioskUI)\"")
        let folder = kiosk.folder.appendingPathComponent("consent/centre-1")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for language in ["en", "fa"] {
            try Data("Fingers.".utf8).write(to: folder.appendingPathComponent("\(language).fingers.txt"))
            try Data("Main.".utf8).write(to: folder.appendingPathComponent("\(language).txt"))
        }
        try Data([0x4D, 0xFF, 0x2E]).write(to: folder.appendingPathComponent("fa.txt"))
        let daemon = try kiosk.start()
        #expect(await daemon.waitForExit(timeout: .seconds(60)))
        #expect(daemon.process.terminationStatus == 78)
        let entry = try #require(kiosk.entries(.consentTextMissing).first, "stderr: \(daemon.stderr)")
        #expect(entry["ENROLLD_PATH"] == folder.appendingPathComponent("fa.txt").path)
        #expect(entry["MESSAGE"]?.contains("not valid UTF-8") == true)
    }

    @Test func theShippedTextsLetTheDaemonStartAndAreJournalledByDigest() async throws {
        let kiosk = try Kiosk(extra: "session: {consent_directory: \"\(Self.shippedConsent)\"}", api: ", kiosk_directory: \"\(Self.kioskUI)\"")
        let daemon = try kiosk.start()
        try #require(await kiosk.notify.wait(timeout: .seconds(60)) { $0.contains { $0.hasPrefix("READY=1") } }, "stderr: \(daemon.stderr)")
        let line = kiosk.journalEntries().compactMap { $0["MESSAGE"] }.first { $0.hasPrefix("Consent text version 2: ") }
        #expect(line?.contains("en sha256 90e6c573f483f7ef8acf487e08253676fc33f956e3274cb24a1b2c11f9b5ab13") == true, "\(line ?? "none")")
        #expect(line?.contains("fa sha256 d525653f014a4e1b954047fb7a6e9bb4375658afab6f2233caad844b56694f8a") == true)
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(10)))
    }
}

extension DaemonProcessTests {
    @Test func checkConfigFindsAMissingConsentText() throws {
        let kiosk = try Kiosk(
            extra: "session: {consent_directory: \"\(Self.shippedConsent)\", consent_version: \"9\"}",
            api: ", kiosk_directory: \"\(Self.kioskUI)\"")
        let refused = try RunningProcess.run(BuiltProducts.executable("enrolld"), ["--check-config", kiosk.config.path], folder: kiosk.folder)
        #expect(refused.0 == 1)
        #expect(refused.2.hasPrefix("\(kiosk.config.path): consent text version 9 has no text in language en"), "\(refused.2)")

        let good = try Kiosk(extra: "session: {consent_directory: \"\(Self.shippedConsent)\"}", api: ", kiosk_directory: \"\(Self.kioskUI)\"")
        let valid = try RunningProcess.run(BuiltProducts.executable("enrolld"), ["--check-config", good.config.path], folder: good.folder)
        #expect(valid.0 == 0, "\(valid.2)")
    }
}
