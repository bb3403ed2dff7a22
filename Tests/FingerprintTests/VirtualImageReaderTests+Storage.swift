#if canImport(Glibc)
import Glibc
#endif
import EnrollCore
import Fingerprint
import Foundation
import Logging
import Testing

/// On-device storage, with libfprint's `virtual_device_storage` (a match-on-chip reader
/// whose store the test fills with INSERT commands), and its absence on image readers.
extension VirtualImageReaderTests {
    static let storageSocket = "/tmp/enrolld-vs-\(getpid()).sock"

    @Test func storedPrintsAreListedDeletedAndCleared() async throws {
        let source = LibfprintDeviceSource(settings: .init(fingerTimeout: .seconds(10), virtualStorageSocket: Self.storageSocket),
                                           logger: Logger(label: "test.fingerprint.storage"))
        let devices = try await source.enumerate()
        try #require(devices.map(\.driver) == ["virtual_device_storage"], "\(devices)")
        let reader = try #require(await source.readers().first)
        for id in ["print-a", "print-b", "print-c"] {
            try Self.command("INSERT \(id)", socket: Self.storageSocket)
        }

        let stored = try await reader.storedPrints()
        #expect(stored.count == 3)
        // Match-on-chip prints are raw, driver-specific data: parsed, but without minutiae.
        for template in stored {
            let parsed = try PrintTemplate(serialized: template.bytes)
            #expect(parsed.kind == .raw && parsed.driver == "virtual_device_storage" && parsed.minutiaeSets.isEmpty)
        }
        try await reader.deleteStoredPrint(stored[0])
        #expect(try await reader.storedPrints().count == 2)
        // The scripted driver clears only when told to go on ("CONT"), like a slow chip. The
        // command is queued before the clear: the driver gives up waiting after 500 ms, which a
        // loaded 2-core CI machine can exceed between two steps of this test.
        try Self.command("CONT 1", socket: Self.storageSocket)
        try await reader.clearStorage()
        #expect(try await reader.storedPrints().isEmpty)
        await source.stop()
    }

    @Test func imageReadersHaveNoStorage() async throws {
        let (reader, _) = try await VirtualReader.reader()
        await #expect(throws: ReaderError.notSupported("")) { try await reader.clearStorage() }
        await #expect(throws: ReaderError.notSupported("")) { _ = try await reader.storedPrints() }
        #expect(await reader.health == .ready)
    }
}
