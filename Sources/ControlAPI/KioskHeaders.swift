import HTTPTypes

/// The headers every kiosk file and page is served with, and the types the kiosk may serve.
enum KioskHeaders {
    /// Only the daemon itself, never inline code: scripts and styles come from files the
    /// daemon serves, so injected markup cannot run. `data:`/`blob:` images carry the live
    /// face preview; `connect-src 'self'` covers the API and its event stream. No frames,
    /// no forms posted anywhere, no `<base>` rewriting.
    static let contentSecurityPolicy = [
        "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: blob:",
        "font-src 'self'", "connect-src 'self'", "manifest-src 'self'", "base-uri 'none'",
        "form-action 'none'", "frame-ancestors 'none'",
    ].joined(separator: "; ")

    /// Files are small and on loopback, so nothing is kept: an update is seen on the next
    /// load, and nothing of a session can linger in the browser's disk cache.
    static let cacheControl = "no-store"

    /// The extensions the kiosk serves, with their types. Anything else in the folder
    /// (notes, editor backups) is not served.
    static let contentTypes: [String: String] = [
        "html": "text/html; charset=utf-8",
        "js": "text/javascript; charset=utf-8",
        "mjs": "text/javascript; charset=utf-8",
        "css": "text/css; charset=utf-8",
        "json": "application/json",
        "svg": "image/svg+xml",
        "png": "image/png",
        "webp": "image/webp",
        "ico": "image/x-icon",
        "woff2": "font/woff2",
        "txt": "text/plain; charset=utf-8",
    ]

    /// The type for a file key by its last segment's extension; nil for anything not served.
    static func contentType(forKey key: String) -> String? {
        let name = key.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        return contentTypes[name[name.index(after: dot)...].lowercased()]
    }

    /// The security headers, for files, the not-installed page and refusals alike.
    static func fields(contentType: String) -> HTTPFields {
        var fields = HTTPFields()
        fields[.contentType] = contentType
        fields[.cacheControl] = cacheControl
        fields[.contentSecurityPolicy] = contentSecurityPolicy
        fields[.xContentTypeOptions] = "nosniff"
        // Older engines ignore frame-ancestors; this says the same to them.
        fields[HTTPField.Name("X-Frame-Options")!] = "DENY"
        fields[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        fields[HTTPField.Name("Cross-Origin-Opener-Policy")!] = "same-origin"
        fields[HTTPField.Name("Cross-Origin-Resource-Policy")!] = "same-origin"
        // The camera and readers belong to the daemon; the page never needs the browser's.
        fields[HTTPField.Name("Permissions-Policy")!] = "camera=(), microphone=(), geolocation=(), usb=(), payment=()"
        return fields
    }
}
