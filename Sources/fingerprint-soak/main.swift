// The fingerprint soak (`make soak`, scripts/soak-fingerprint): N enroll + identify cycles
// on libfprint's virtual_image reader in one process, printing the resident set size so a
// leak in the adapter (GObjects, continuations, streams) shows as growth. Not a unit test:
// it runs for minutes, and the virtual sensor's thermal model makes it rest on the way.
#if canImport(Glibc)
import Glibc
#endif
import EnrollCore
import Fingerprint
import Foundation
import Imaging
import Logging

let cycles = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 200 : 200
let warmUp = min(20, cycles / 2)
let socket = "/tmp/enrolld-soak-\(getpid()).sock"
let source = LibfprintDeviceSource(settings: .init(fingerTimeout: .seconds(10), virtualImageSocket: socket),
                                   logger: Logger(label: "soak"))

func residentMegabytes() -> Double {
    guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let pages = Double(statm.split(separator: " ")[1]) ?? 0
    return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
}

func waitForFinger(_ reader: LibfprintReader) async throws {
    while await !reader.isWaitingForFinger { try await Task.sleep(for: .milliseconds(2)) }
}

/// Waits out the sensor's thermal rest; returns whether it had to.
func restIfCooling(_ reader: LibfprintReader) async throws -> Bool {
    guard await reader.health == .cooling else { return false }
    print("  cooling down (libfprint's thermal model)…")
    while await reader.health == .cooling { try await Task.sleep(for: .seconds(1)) }
    return true
}

_ = try await source.enumerate()
guard let reader = await source.readers().first else { fatalError("no virtual_image reader") }
let feeder = try VirtualImageFeeder(socketPath: socket)
let generator = SyntheticFingerprint()
// Pre-render: the soak measures the adapter, not the image generator.
let fingers: [[FingerprintImage]] = (0..<10).map { finger in (0..<6).map { generator.image(finger: UInt64(100 + finger), impression: UInt64($0)) } }
var gallery: [FingerprintTemplate] = []
var startRSS = 0.0, rests = 0, matches = 0
let started = ContinuousClock.now
print("start: RSS \(String(format: "%.1f", residentMegabytes())) MB, \(cycles) cycles, warm-up \(warmUp)")
var cycle = 0
while cycle < cycles {
    let images = fingers[cycle % fingers.count]
    do {
        var template: FingerprintTemplate?
        var next = 0
        let stream = await reader.enroll(finger: .rightIndex)
        try await waitForFinger(reader)
        try feeder.present(images[next]); next += 1
        for try await event in stream {
            switch event {
            case .stagePassed(let completed, let total) where completed < total:
                try await waitForFinger(reader)
                try feeder.present(images[next % 5]); next += 1
            case .completed(let made): template = made
            default: break
            }
        }
        gallery.append(template!)
        if gallery.count > 10 { gallery.removeFirst() }
        async let found = reader.identify(gallery)
        try await waitForFinger(reader)
        try feeder.present(images[5])
        if case .match(let index) = try await found, index == gallery.count - 1 { matches += 1 }
    } catch let error as ReaderError where error.isTooHot {
        if try await restIfCooling(reader) { rests += 1 }
        continue  // the cycle is repeated after the rest
    }
    if try await restIfCooling(reader) { rests += 1 }
    cycle += 1
    if cycle == warmUp { startRSS = residentMegabytes() }
    if cycle % 25 == 0 { print("cycle \(cycle): RSS \(String(format: "%.1f", residentMegabytes())) MB") }
}
let endRSS = residentMegabytes()
let elapsed = ContinuousClock.now - started
print(String(format: "after warm-up: RSS %.1f MB; end: RSS %.1f MB; growth %.2f MB over %d cycles", startRSS, endRSS, endRSS - startRSS, cycles - warmUp))
print("identified correctly: \(matches)/\(cycles); thermal rests: \(rests); time: \(elapsed)")
await source.stop()
exit(endRSS - startRSS < 2 ? 0 : 1)
