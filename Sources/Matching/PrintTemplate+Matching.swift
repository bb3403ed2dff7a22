import EnrollCore
import Foundation

extension PrintTemplate {
    /// The matcher's templates for this print: one per enroll stage (each stage is one
    /// capture, so each is matched on its own and the best stage counts). Only NBIS prints
    /// carry minutiae; a match-on-chip print gives none.
    ///
    /// NBIS stores NIST coordinates (y grows upwards from the image's bottom edge) and the
    /// NIST direction, which points the opposite way from ISO/IEC 19794-2's (NBIS's
    /// `lfs2nist_minutia_XYT` says so); the matcher and ISO records want image coordinates
    /// (y down) and the ISO direction, so 180° is added. The print does not keep the image
    /// height, so the highest y of the print stands in for it: the matcher is translation
    /// invariant, and one height for all stages keeps them consistent with each other.
    public func matchingTemplates(ppi: Float = FingerprintTemplate.standardPPI) -> [FingerprintTemplate] {
        guard kind == .nbis else { return [] }
        let all = minutiaeSets.joined()
        guard let top = all.map(\.y).max(), let right = all.map(\.x).max() else { return [] }
        let height = max(1, top + 1), width = max(1, right + 1)
        return minutiaeSets.filter { !$0.isEmpty }.map { set in
            FingerprintTemplate(width: width, height: height, ppi: ppi, minutiae: set.map { m in
                Minutia(x: Float(max(0, m.x)), y: Float(max(0, height - m.y)), angle: Float(m.angle + 180) * .pi / 180,
                        kind: .other, quality: 0)
            })
        }
    }
}
