import HTTPTypes

/// The paths the API serves and the methods each accepts, so an undeclared method on a
/// known path gets `405 Method Not Allowed` with `Allow`, as HTTP asks, not a misleading 404.
/// Paths are matched segment by segment; a `{name}` or `:name` segment matches any value.
struct RouteTable: Sendable {
    private var routes: [(segments: [Substring], methods: Set<String>)] = []

    mutating func add(_ method: HTTPRequest.Method, _ path: String) {
        let segments = Self.segments(path).map { $0.hasPrefix(":") || $0.hasPrefix("{") ? "*" : $0 }
        var methods: Set<String> = [method.rawValue]
        if method == .get { methods.insert(HTTPRequest.Method.head.rawValue) }
        if let index = routes.firstIndex(where: { $0.segments == segments }) {
            routes[index].methods.formUnion(methods)
        } else {
            routes.append((segments, methods))
        }
    }

    /// The methods `path` accepts, or nil for a path the API does not have.
    func methods(for path: String) -> Set<String>? {
        let requested = Self.segments(path)
        let matching = routes.filter { route in
            route.segments.count == requested.count
                && zip(route.segments, requested).allSatisfy { $0 == "*" || $0 == $1 }
        }
        return matching.isEmpty ? nil : matching.reduce(into: Set<String>()) { $0.formUnion($1.methods) }
    }

    private static func segments(_ path: String) -> [Substring] {
        let withoutQuery = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return withoutQuery.split(separator: "/")
    }
}
