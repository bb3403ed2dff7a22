import EnrollCore
import HTTPTypes
import Access
import Hummingbird

extension ReaderTestReport: ResponseEncodable {}

/// `POST /v1/readers/test[?device=ID][&image=png]` and `POST /v1/demo/present`.
enum ReaderRoutes {
    /// The largest image body accepted for the demo (a sensor image is far smaller).
    static let maximumImageBytes = 8 << 20

    static func add(to routes: inout Routes, readers: any ReaderOperations) {
        routes.add(.post, "v1/readers/test", access: .technician) { request, _ -> ReaderTestReport in
            let device = request.uri.queryParameters.get("device")
            let image = request.uri.queryParameters.get("image") == "png"
            do throws(ReaderRequestError) {
                return try await readers.selfTest(deviceID: device, includeImage: image)
            } catch {
                throw HTTPError(.init(code: error.status), message: error.description)
            }
        }
        routes.add(.post, "v1/demo/present", access: .technician) { request, _ -> HTTPResponse.Status in
            let body = try await request.body.collect(upTo: maximumImageBytes)
            do throws(ReaderRequestError) {
                try await readers.presentDemoFinger(Array(body.readableBytesView))
            } catch {
                throw HTTPError(.init(code: error.status), message: error.description)
            }
            return .noContent
        }
    }
}
