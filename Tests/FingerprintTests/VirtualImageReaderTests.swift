import EnrollCore
import Fingerprint
import Foundation
import Imaging
import Testing

/// The real libfprint `virtual_image` driver, fed images over its socket. One reader per
/// process, so the suite is serialized.
@Suite(.serialized) struct VirtualImageReaderTests {
    let synthetic = VirtualReader.synthetic

    @Test func enrollThenVerifyMatchAndNonMatch() async throws {
        let (reader, feeder) = try await VirtualReader.reader()
        let stages = await reader.enrollStages
        #expect(stages == 5)
        let images = (0..<UInt64(stages)).map { synthetic.image(finger: 11, impression: $0) }
        let (template, events) = try await VirtualReader.enroll(images, reader: reader, feeder: feeder)
        #expect(events.filter { if case .stagePassed = $0 { true } else { false } }.count == stages)
        #expect(events.contains(.fingerNeeded))

        let parsed = try PrintTemplate(serialized: template.bytes)
        #expect(parsed.kind == .nbis)
        #expect(parsed.driver == "virtual_image")
        #expect(parsed.minutiaeSets.count == stages)
        #expect(parsed.minutiaeSets.allSatisfy { $0.count >= 10 }, "minutiae per stage: \(parsed.minutiaeSets.map(\.count))")

        async let same = reader.verify(template)
        try await VirtualReader.present(synthetic.image(finger: 11, impression: 7), on: reader, feeder: feeder)
        #expect(try await same == .match)

        async let other = reader.verify(template)
        try await VirtualReader.present(synthetic.image(finger: 12, impression: 0), on: reader, feeder: feeder)
        let otherOutcome = try await other
        #expect(otherOutcome == .noMatch)
        #expect(await reader.health == .ready)
    }
}
