import EnrollCore
@testable import ControlAPI

// Stand-ins for the device, record, gallery and sync services behind the routes, so the
// access matrix reaches every route the daemon serves. Each answers the simplest way its
// protocol allows: the matrix checks who gets through, not what they get.

struct FakeReaderOperations: ReaderOperations {
    func selfTest(deviceID: String?, includeImage: Bool) async throws(ReaderRequestError) -> ReaderTestReport {
        throw ReaderRequestError(status: 404, "no reader in this test")
    }
    func resetReader(deviceID: String?) async throws(ReaderRequestError) -> ReaderResetReport {
        throw ReaderRequestError(status: 404, "no reader in this test")
    }
    func presentDemoFinger(_ image: [UInt8]) async throws(ReaderRequestError) {
        throw ReaderRequestError(status: 404, "no demo reader in this test")
    }
}

struct FakeCameraTester: CameraTester {
    func test(_ request: CameraTestRequest) async throws -> CameraTestReport {
        throw CameraTestUnavailable("no camera in this test")
    }
}

struct FakeGalleryImporter: GalleryImporter {
    func importBundle(_ bundle: [UInt8]) async throws -> GalleryImportReport {
        throw GalleryImportRefusal(reason: "not a bundle")
    }
}

struct FakeRecords: RecordsProvider {
    func queueStatus() async -> QueueStatus {
        QueueStatus(storage: .open, queue: .empty, headSequence: 0, accepting: true, refusal: nil,
                    maximumQueueBytes: 1 << 30, freeBytes: 1 << 30, minimumFreeBytes: 1 << 20)
    }
    func deviceKey() async -> DeviceKeyInfo? { nil }
    func certificateRequest() async -> String? { nil }
}

struct FakeSyncController: SyncController {
    func summary() async -> SyncSummary { SyncSummary(state: .idle) }
    func syncNow() async {}
}
