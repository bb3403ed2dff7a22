import Crypto
import EnrollCore
import EventLog
import Foundation
import Matching
import Systemd
import Testing
import TestSupport
@testable import EnrollDaemon

/// `enrollctl gallery import` against the real daemon: the socket-only route, a signed
/// bundle imported, its replay refused with the catalogued journal entry.
@Suite(.serialized) struct GalleryImportProcessTests {
    @Test func importThroughTheSocketThenReplayIsRefused() async throws {
        let key = Curve25519.Signing.PrivateKey()
        let kiosk = try DaemonProcessTests.Kiosk(extra: "matching: {bundle_public_key: \"\(Hex.encode(Array(key.publicKey.rawRepresentation)))\"}")
        let daemon = try kiosk.start()
        defer { daemon.signal(SIGTERM) }
        let ready = await kiosk.notify.wait(timeout: .seconds(60)) { $0.contains { $0.hasPrefix("READY=1") } }
        try #require(ready, "no READY=1; stderr: \(daemon.stderr)")

        let entries = GalleryFixtures.person(1, fingers: [.rightIndex]).flatMap { position, print in
            print.matchingTemplates().map { GalleryBundle.Entry(recordID: RecordID(GalleryFixtures.recordID(1))!, fingerPosition: UInt8(position.rawValue), template: $0) }
        }
        let file = kiosk.folder.appendingPathComponent("bundle.egb")
        try Data(try GalleryBundle(sequence: 1, createdAt: 0, entries: entries).encoded(signingWith: key)).write(to: file)
        let enrollctl = BuiltProducts.executable("enrollctl")

        let (status, output, errors) = try RunningProcess.run(enrollctl, ["gallery", "import", file.path, "--socket", kiosk.socket], folder: kiosk.folder)
        #expect(status == 0, "enrollctl gallery import failed: \(errors)")
        #expect(output.contains("imported: 2 templates of 1 records"))

        let (again, _, refusal) = try RunningProcess.run(enrollctl, ["gallery", "import", file.path, "--socket", kiosk.socket], folder: kiosk.folder)
        #expect(again != 0)
        #expect(refusal.contains("422") && refusal.contains("replay"))
        let journalled = await kiosk.journal.wait(timeout: .seconds(10)) { _ in !kiosk.entries(.galleryBundleRejected).isEmpty }
        #expect(journalled)
        #expect(!kiosk.entries(.galleryBundleImported).isEmpty)
        // Only the socket serves it: the loopback listener does not know the route.
        let (_, code, _) = try RunningProcess.run("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST",
                                                                       "--data-binary", "@\(file.path)", "http://127.0.0.1:\(kiosk.port)/v1/gallery/import"], folder: kiosk.folder)
        #expect(code == "404" || code == "405", "loopback answered \(code)")
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(10)))
    }
}
