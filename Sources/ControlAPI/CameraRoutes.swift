import EnrollCore
import Foundation
import Access
import Hummingbird

/// `POST /v1/cameras/test`: a technician's camera self-test, on the Unix socket only.
enum CameraRoutes {
    static func add(to routes: inout Routes, cameras: any CameraTester) {
        routes.add(.post, "v1/cameras/test", access: .technician) { request, _ -> CameraTestReport in
            let body = try await request.body.collect(upTo: 4096)
            var test = CameraTestRequest()
            if body.readableBytes > 0 {
                do {
                    test = try JSONDecoder().decode(CameraTestRequest.self, from: Data(body.readableBytesView))
                } catch {
                    throw HTTPError(.badRequest, message: "expected {\"camera\": id, \"seconds\": 1-10, \"still\": bool}")
                }
            }
            test.seconds = min(max(test.seconds, 1), 10)
            do {
                return try await cameras.test(test)
            } catch let unavailable as CameraTestUnavailable {
                throw HTTPError(.notFound, message: unavailable.reason)
            }
        }
    }
}
