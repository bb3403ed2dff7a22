import Access
import EnrollCore
import Foundation
import Hummingbird

/// Imports a signed gallery bundle from the central server into the kiosk's gallery.
public protocol GalleryImporter: Sendable {
    /// Verifies and stores `bundle`; throws `GalleryImportRefusal` when it is refused.
    func importBundle(_ bundle: [UInt8]) async throws -> GalleryImportReport
}

/// Why a bundle was refused (bad signature, truncated, replayed, no key configured…).
public struct GalleryImportRefusal: Error, Sendable {
    public let reason: String
    public init(reason: String) { self.reason = reason }
}

/// `POST /v1/gallery/import` (body: the bundle's bytes): on the Unix socket only, so only a
/// technician in the enrolld group can change whom the duplicate check finds.
enum GalleryRoutes {
    /// The largest bundle read from a request; a larger one is refused unread.
    static let maximumBundleBytes = 64 << 20

    static func add(to routes: inout Routes, gallery: any GalleryImporter) {
        routes.add(.post, "v1/gallery/import", access: .technician) { request, _ -> GalleryImportReport in
            let bundle: [UInt8]
            do { bundle = Array(try await request.body.collect(upTo: maximumBundleBytes).readableBytesView) } catch {
                throw HTTPError(.contentTooLarge, message: "a gallery bundle may have at most \(maximumBundleBytes) bytes")
            }
            do {
                return try await gallery.importBundle(bundle)
            } catch let refusal as GalleryImportRefusal {
                throw HTTPError(.unprocessableContent, message: refusal.reason)
            }
        }
    }
}
extension GalleryImportReport: ResponseEncodable {}
