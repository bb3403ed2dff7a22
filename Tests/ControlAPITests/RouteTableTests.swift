import HTTPTypes
import Testing
@testable import ControlAPI

@Suite struct RouteTableTests {
    var table: RouteTable {
        var table = RouteTable()
        table.add(.get, "v1/status")
        table.add(.get, "v1/sessions/{id}")
        table.add(.post, "v1/sessions/:id/events")
        table.add(.delete, "v1/sessions/{id}")
        return table
    }

    @Test(arguments: [
        ("/v1/status", Set(["GET", "HEAD"])),
        ("/v1/status?verbose=1", Set(["GET", "HEAD"])),
        ("/v1/sessions/abc", Set(["GET", "HEAD", "DELETE"])),
        ("/v1/sessions/abc/events", Set(["POST"])),
    ])
    func knownPathsListTheirMethods(_ path: String, _ methods: Set<String>) {
        #expect(table.methods(for: path) == methods)
    }

    @Test(arguments: ["/", "/v1", "/v1/statuses", "/v1/sessions", "/v1/sessions/a/b/c", "//v1//status//x"])
    func unknownPathsAreNotTheTablesBusiness(_ path: String) {
        #expect(table.methods(for: path) == nil)
    }
}
