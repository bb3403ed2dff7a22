import EnrollCore
import EventLog
import Logging
import Synchronization
import Testing
import TestSupport
@testable import EnrollDaemon

@Suite struct DeviceRegistryTests {
    let reader = DeviceSummary(id: "usb-1-4", kind: .fingerprintReader, name: "Elan reader", driver: "elan", health: .ready)
    let camera = DeviceSummary(id: "pci-0000:00:14.0-usb-0:2:1.0", kind: .camera, name: "UVC camera", driver: "uvcvideo", health: .ready)

    @Test func enumerationListsReadersBeforeCameras() async {
        let source = FakeDeviceSource(present: [camera, reader])
        let registry = DeviceRegistry(sources: [source], logger: Logger(label: "test"))
        await registry.enumerate()
        #expect(await registry.all == [reader, camera])
    }

    @Test func hotPlugAddsUpdatesAndRemoves() async {
        let source = FakeDeviceSource(present: [])
        let registry = DeviceRegistry(sources: [source], logger: Logger(label: "test"))
        await registry.enumerate()
        var cooling = reader
        cooling.health = .cooling
        source.send(.added(reader))
        source.send(.updated(cooling))
        source.send(.added(camera))
        source.send(.removed(id: camera.id))
        source.send(.removed(id: "never-seen"))
        source.finish()
        await registry.followChanges()
        #expect(await registry.all == [cooling])
    }

    /// The live screen hears of arrivals, failures and removals, not of every capture's
    /// ready ⇄ busy.
    @Test func watchersHearWhatATechnicianWouldActOn() async {
        let registry = DeviceRegistry(sources: [], logger: Logger(label: "test"))
        let changes = await registry.healthChanges()
        var busy = reader
        busy.health = .busy
        var failed = reader
        failed.health = .failed
        await registry.apply(.added(reader))
        await registry.apply(.updated(busy))
        await registry.apply(.updated(reader))
        await registry.apply(.updated(failed))
        await registry.apply(.removed(id: reader.id))
        var heard: [DeviceSummary.Health] = []
        for await device in changes {
            #expect(device.id == reader.id)
            heard.append(device.health)
            if heard.count == 3 { break }
        }
        #expect(heard == [.ready, .failed, .removed])
    }

    @Test func replugBringsADeviceBack() async {
        let source = FakeDeviceSource(present: [reader])
        let registry = DeviceRegistry(sources: [source], logger: Logger(label: "test"))
        await registry.enumerate()
        source.send(.removed(id: reader.id))
        source.send(.added(reader))
        source.finish()
        await registry.followChanges()
        #expect(await registry.all == [reader])
    }

    /// A loose cable: the journal warns once at the third removal in ten minutes, then holds
    /// the plug entries back and summarises them, saying the device's state at the end.
    @Test func aDeviceThatKeepsDroppingOffIsSummarised() async {
        let log = KeptLog()
        let clock = Mutex<Int64>(0)
        let registry = DeviceRegistry(sources: [], logger: log.logger("test"), now: { clock.withLock { $0 } })
        for step in 0..<5 {
            clock.withLock { $0 = Int64(step) * 60_000 }
            await registry.apply(.added(reader))
            await registry.apply(.removed(id: reader.id))
        }
        await registry.apply(.added(reader))
        let added = log.messages(withID: CatalogEvent.deviceAdded.messageID)
        let removed = log.messages(withID: CatalogEvent.deviceRemoved.messageID)
        let churn = log.messages(withID: CatalogEvent.deviceFlapping.messageID)
        #expect(added.count == 3 && removed.count == 3, "journalled one by one up to the third removal")
        #expect(churn == ["fingerprint_reader Elan reader was unplugged 3 times in 10 minutes: check its cable, the USB port and any hub; "
                          + "its plug events are summarised every 10 minutes from now on"])
        #expect(log.entries.filter { $0.id == nil && $0.message.contains("held for the churn summary") }.count == 5)

        clock.withLock { $0 = 11 * 60_000 }
        await registry.summariseChurn(reader)
        #expect(log.messages(withID: CatalogEvent.deviceFlapping.messageID).last
                == "fingerprint_reader Elan reader came or went 5 more times in the last 10 minutes; it is ready now, still coming and going")
        clock.withLock { $0 = 30 * 60_000 }
        await registry.summariseChurn(reader)
        #expect(log.messages(withID: CatalogEvent.deviceFlapping.messageID).last
                == "fingerprint_reader Elan reader stayed put for the last 10 minutes; it is ready now; its plug events are journalled one by one again")
        await registry.apply(.removed(id: reader.id))
        #expect(log.messages(withID: CatalogEvent.deviceRemoved.messageID).count == 4)
    }

    struct FailingSource: DeviceSource {
        let name = "broken"
        struct Broken: Error {}
        func enumerate() async throws -> [DeviceSummary] { throw Broken() }
        func changes() -> AsyncStream<DeviceChange> { AsyncStream { $0.finish() } }
    }

    @Test func aFailingSourceDoesNotHideTheOthers() async {
        let registry = DeviceRegistry(sources: [FailingSource(), FakeDeviceSource(present: [camera])], logger: Logger(label: "test"))
        await registry.enumerate()
        #expect(await registry.all == [camera])
    }
}
