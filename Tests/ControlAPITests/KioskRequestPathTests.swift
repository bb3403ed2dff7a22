import HTTPTypes
import Testing
@testable import ControlAPI

/// Request paths to kiosk file keys: what a browser asks for maps to a key, and every
/// hostile spelling is refused before any lookup.
@Suite struct KioskRequestPathTests {
    @Test(arguments: [
        ("/", "index.html"),
        ("/index.html", "index.html"),
        ("/js/app.js", "js/app.js"),
        ("/i18n/fa.json", "i18n/fa.json"),
        ("/css/", "css/index.html"),
        ("/%6a%73/app.js", "js/app.js"),
        ("/i18n%2Ffa.json", "i18n/fa.json"),
        ("/%D9%81.json", "\u{0641}.json"),
    ])
    func browserPathsMapToKeys(_ path: String, _ key: String) {
        #expect(KioskRequestPath.key(path) == key)
    }

    @Test(arguments: [
        "", "index.html", "/../etc/passwd", "/js/../../etc/passwd", "/..", "/.", "/./index.html",
        "/%2e%2e/etc/passwd", "/%2E%2E/%2E%2E/etc/passwd", "/js/%2e%2e%2f%2e%2e%2fetc/passwd",
        "/..%2fetc%2fpasswd", "/.%2e/x", "/%2e/index.html",
        "/index.html%00.js", "/index.html\u{0}", "/%00", "/a%0ab", "/a%7fb", "/a%c2%85b",
        "/js\\..\\..\\etc\\passwd", "/js%5c..%5cetc", "//etc/passwd", "/js//app.js", "/.git/config",
        "/.env", "/js/.hidden.js", "/%", "/%2", "/%zz", "/%g0", "/%C0%AE%C0%AE/etc/passwd", "/%ff",
        "/%e0%80%ae",
    ])
    func hostilePathsAreRefused(_ path: String) {
        #expect(KioskRequestPath.key(path) == nil, "\(path.debugDescription) was accepted")
    }

    @Test func decodingHappensOnce() {
        // %252e is "%2e" after one decoding: a literal name, never "." — and no such file.
        #expect(KioskRequestPath.key("/%252e%252e/etc") == "%2e%2e/etc")
    }

    @Test func veryLongAndVeryDeepPathsAreRefused() {
        #expect(KioskRequestPath.key("/" + String(repeating: "a", count: 600)) == nil)
        #expect(KioskRequestPath.key("/" + String(repeating: "a/", count: 20) + "x.js") == nil)
        #expect(KioskRequestPath.key("/" + String(repeating: "%2e", count: 200)) == nil)
        let deepest = "/" + Array(repeating: "a", count: KioskRequestPath.maximumSegments).joined(separator: "/")
        #expect(KioskRequestPath.key(deepest) != nil)
    }

    @Test(arguments: [
        ("index.html", "text/html; charset=utf-8"), ("js/app.js", "text/javascript; charset=utf-8"),
        ("css/kiosk.css", "text/css; charset=utf-8"), ("i18n/fa.json", "application/json"),
        ("img/finger.SVG", "image/svg+xml"),
    ])
    func servedTypes(_ key: String, _ type: String) {
        #expect(KioskHeaders.contentType(forKey: key) == type)
    }

    @Test(arguments: ["README", "notes.md", "app.js~", "a.php", ".js", "js/.css", "a.html.bak", "x.sh", "dir.js/readme"])
    func unservedTypes(_ key: String) {
        #expect(KioskHeaders.contentType(forKey: key) == nil)
    }

    @Test func policyForbidsInlineScriptAndFraming() {
        let policy = KioskHeaders.contentSecurityPolicy
        #expect(policy.contains("script-src 'self'"))
        #expect(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"))
        #expect(policy.contains("frame-ancestors 'none'"))
        #expect(policy.contains("default-src 'none'"))
        let fields = KioskHeaders.fields(contentType: "text/html; charset=utf-8")
        #expect(fields[.xContentTypeOptions] == "nosniff")
        #expect(fields[.cacheControl] == "no-store")
    }
}
