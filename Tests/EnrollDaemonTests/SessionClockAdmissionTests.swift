import Access
import ControlAPI
import EnrollCore
import Testing
@testable import EnrollDaemon

/// A kiosk whose clock is before its own certificates were issued (a dead clock battery,
/// no time server) would date every record and consent falsely: no session starts until
/// the clock is set, and the refusal says so.
@Suite struct SessionClockAdmissionTests {
    let station = Principal(id: "station", role: .station, via: .station)
    /// 2026-05-28 20:26 UTC: when the kiosk's certificates were issued.
    static let issued: Int64 = 1_780_000_000

    func manager(clock: Int64, earliest: Int64? = issued) -> SessionManager {
        SessionManagerTests().manager(earliestTrueTime: earliest, wallClock: { clock })
    }

    @Test func aClockBeforeTheCertificatesRefusesAndSaysWhatToDo() async throws {
        let sessions = manager(clock: 978_307_200)  // 2001-01-01
        let admission = await sessions.admission(for: station)
        #expect(!admission.accepting && admission.error == "not_accepting")
        let message = try #require(admission.message)
        #expect(message.contains("this kiosk's clock says 2001-01-01 00:00 UTC") && message.contains("2026-05-28 20:26 UTC")
                && message.contains("timedatectl"), "\(message)")
        do {
            _ = try await sessions.create(by: station)
            Issue.record("a session started on a clock in 2001")
        } catch {
            #expect(error.description.hasPrefix("503 ") && error.code == "not_accepting" && error.description.contains("clock"), "\(error)")
        }
    }

    @Test func aTrueClockOrNoCertificatesAdmit() async throws {
        #expect(await manager(clock: Self.issued).admission(for: station) == AdmissionView(accepting: true))
        #expect(await manager(clock: 1_800_000_000).admission(for: station) == AdmissionView(accepting: true))
        // Without sync set up nothing says what the time must be: the clock is not judged.
        let unjudged = manager(clock: 0, earliest: nil)
        #expect(await unjudged.admission(for: station) == AdmissionView(accepting: true))
        #expect(try await unjudged.create(by: station).step == "consent")
    }
}
