@testable import ControlAPI
import Hummingbird
import Testing

/// DNS rebinding: the loopback listener answers only requests addressed to the kiosk's own
/// names. (End to end, with a real daemon and a forged Host: Tests/system/test_loopback_host.py.)
@Suite struct LoopbackHostTests {
    typealias Check = LoopbackHostMiddleware<BasicRequestContext>

    @Test(arguments: [
        ("127.0.0.1:8470", true), ("localhost:8470", true), ("LOCALHOST", true), ("[::1]:8470", true), ("127.0.0.1", true),
        ("rebind.attacker.example:8470", false), ("127.0.0.1.attacker.example", false), ("localhost.:8470", false),
        ("[::2]:8470", false), ("", false), ("evil:127.0.0.1", false), ("[::1", false),
    ])
    func onlyTheKiosksOwnNamesAreAnswered(authority: String, answered: Bool) {
        #expect(Check.answers(authority) == answered, "\(authority)")
    }

    @Test func aRequestWithoutHostIsNotAnswered() {
        #expect(!Check.answers(nil))
    }

    @Test func hostNamesArePickedOutOfEveryAuthorityForm() {
        #expect(Check.hostName("127.0.0.1:8470") == "127.0.0.1")
        #expect(Check.hostName("[::1]:8470") == "[::1]")
        #expect(Check.hostName("[::1]") == "[::1]")
        #expect(Check.hostName("localhost") == "localhost")
    }
}
