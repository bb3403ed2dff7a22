import Camera
import EnrollCore
import Foundation
import Imaging

/// `enroll-camera-selftest [DEVICE] [--record]`: the camera path end to end against a real
/// V4L2 driver (vivid in the VM of Tests/vm/run-vivid, or a kiosk's own camera): formats
/// listed, 30 frames with contiguous sequence numbers, a resolution change, stop and
/// start, the device re-opened. Prints one `ENROLLD-RESULT: {json}` line and exits 0 only
/// if every step passed. `--record` also prints a short session's system calls as
/// `ENROLLD-SYSCALL: {json}` lines, for the replay unit tests.
@main
struct SelfTest {
    static func main() async {
        let arguments = CommandLine.arguments.dropFirst()
        let device = arguments.first { !$0.hasPrefix("--") } ?? "/dev/video0"
        var report = Report(device: device)
        do {
            try await run(device, &report)
            if arguments.contains("--record") { try await record(device) }
        } catch {
            report.error = "\(error)"
            print("FAIL: \(error)")
        }
        report.ok = report.error == nil && report.steps.allSatisfy(\.ok)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = (try? encoder.encode(report)).map { String(decoding: $0, as: UTF8.self) } ?? "{\"ok\":false}"
        print("ENROLLD-RESULT: \(json)")
        exit(report.ok ? 0 : 1)
    }

    static func run(_ device: String, _ report: inout Report) async throws {
        try await firstSteps(device, &report)
        report.steps.append(try await reopen(device, &report))

        // Unplug mid-stream and re-plug, with vivid's "Disconnect" button: the driver then acts
        // as an unplugged USB device (ENODEV) until every open descriptor is closed. Each step
        // opens its own camera, so the previous one's descriptor is closed when it returns.
        report.steps.append(try await unplug(device))
        report.steps.append(try await replug(device))
        report.steps += try await injectedDrops(device)
    }

    /// Formats, 30 frames, a resolution change, stop and start, on one open camera.
    static func firstSteps(_ device: String, _ report: inout Report) async throws {
        print("== open \(device)")
        let camera = try V4L2Camera(node: device)
        let caps = await camera.deviceCapabilities
        report.driver = caps.driver
        report.card = caps.card
        print("driver \(caps.driver), card \(caps.card), bus \(caps.busInfo)")

        print("== formats")
        for (format, sizes) in try await camera.offers() {
            report.formats.append(format.pixelFormat.description)
            report.sizes[format.pixelFormat.description] = sizes.map(\.description)
            print("\(format.pixelFormat) (\(format.description)): \(sizes.map(\.description).joined(separator: " "))")
        }

        // vivid's webcam input: 640x480 and 320x180 are among its discrete sizes. The rate is
        // set explicitly: vivid's default is 5 fps. TCG manages about 24 at 640x480 on an idle
        // host; 15 (one of vivid's intervals) leaves headroom on a busy one, where vivid itself
        // skips (gaps) or repeats sequence numbers when its thread falls behind.
        report.steps.append(try await stream(camera, "640x480", FrameSize(width: 640, height: 480), fps: 15, frames: 30, still: true))
        report.steps.append(try await stream(camera, "resolution change", FrameSize(width: 320, height: 180), fps: 15, frames: 30))
        report.steps.append(try await stream(camera, "stop and start", nil, fps: 15, frames: 10))
    }

    static func reopen(_ device: String, _ report: inout Report) async throws -> Step {
        print("== re-open")
        let camera = try V4L2Camera(node: device)
        let chosen = try await camera.configure(FormatPolicy(preferred: FrameSize(width: 640, height: 480), framesPerSecond: 15))
        print("negotiated \(chosen)")
        report.negotiated = chosen.description
        return try await stream(camera, "re-opened", nil, fps: nil, frames: 10)
    }

    static func unplug(_ device: String) async throws -> Step {
        print("== unplug mid-stream")
        var step = Step(name: "unplug")
        let camera = try V4L2Camera(node: device)
        _ = try await camera.set(FrameSize(width: 320, height: 180), .yuyv, framesPerSecond: 30)
        let side = try V4L2Device(path: device)
        guard let disconnect = try side.controls().first(where: { $0.name == "Disconnect" }) else {
            step.problems.append("vivid offers no Disconnect control")
            return step
        }
        let stream = try await camera.frames(bufferCount: 4, frameTimeout: .seconds(10))
        do {
            for try await frame in stream {
                step.frames += 1
                step.width = frame.format.size.width
                step.height = frame.format.size.height
                if step.frames == 5 { try side.setControl(disconnect.id, 1) }
                if step.frames > 50 { break }
            }
            step.problems.append("the stream ended without an error after \(step.frames) frames")
        } catch let error as V4L2Error where error.isDeviceRemoved {
            step.error = "\(error)"
        } catch {
            step.problems.append("the stream ended with \(error), not ENODEV")
        }
        await camera.stop()
        step.ok = step.problems.isEmpty
        print("\(step.frames) frames, then: \(step.error ?? "no error")\(step.ok ? "" : " FAIL: \(step.problems)")")
        return step
    }

    /// Opens the node again once the unplugged one is closed, as after a re-plug.
    static func replug(_ device: String) async throws -> Step {
        print("== re-plug")
        var attempts = 1
        // The last descriptor of the unplugged camera closes when its capture thread lets go.
        var opened = Result { () throws(V4L2Error) in try V4L2Camera(node: device) }
        while case .failure(let error) = opened, error.isDeviceRemoved, attempts < 20 {
            try await Task.sleep(for: .milliseconds(100))
            attempts += 1
            opened = Result { () throws(V4L2Error) in try V4L2Camera(node: device) }
        }
        let camera = try opened.get()
        _ = try await camera.configure(FormatPolicy(preferred: FrameSize(width: 640, height: 480), framesPerSecond: 15))
        var step = try await stream(camera, "re-plugged", nil, fps: nil, frames: 10)
        step.attempts = attempts
        return step
    }

    /// vivid's "Percentage of Dropped Buffers": at 50 % the sequence numbers have gaps that
    /// must be counted as dropped frames; at 100 % no frame arrives and the time-out must fire.
    static func injectedDrops(_ device: String) async throws -> [Step] {
        print("== dropped frames and time-out")
        let camera = try V4L2Camera(node: device)
        _ = try await camera.set(FrameSize(width: 320, height: 180), .yuyv, framesPerSecond: 30)
        let side = try V4L2Device(path: device)
        var drops = Step(name: "dropped frames")
        var timeout = Step(name: "time-out")
        guard let control = try side.controls().first(where: { $0.name == "Percentage of Dropped Buffers" }) else {
            drops.problems.append("vivid offers no Percentage of Dropped Buffers control")
            return [drops]
        }
        defer { try? side.setControl(control.id, 0) }

        try side.setControl(control.id, 50)
        var frames: [Frame] = []
        for try await frame in try await camera.frames(bufferCount: 4, frameTimeout: .seconds(10)) {
            frames.append(frame)
            if frames.count == 20 { break }
        }
        await camera.stop()
        let gaps = zip(frames, frames.dropFirst()).reduce(0) { $0 + Int($1.1.sequence &- $1.0.sequence &- 1) }
        drops.frames = frames.count
        drops.dropped = frames.last?.droppedFrames ?? 0
        drops.contiguous = gaps == 0
        if drops.dropped == 0 { drops.problems.append("no dropped frame counted at 50 % drops") }
        if drops.dropped != gaps { drops.problems.append("\(drops.dropped) dropped counted, \(gaps) missing in the sequence numbers") }
        drops.ok = drops.problems.isEmpty
        print("\(drops.frames) frames, \(drops.dropped) dropped, \(gaps) missing in the sequence\(drops.ok ? "" : " FAIL: \(drops.problems)")")

        try side.setControl(control.id, 100)
        let started = ContinuousClock.now
        do {
            for try await _ in try await camera.frames(bufferCount: 4, frameTimeout: .seconds(2)) { timeout.frames += 1 }
            timeout.problems.append("the stream ended without a time-out")
        } catch let error as V4L2Error where error.isTimeout {
            timeout.error = "\(error)"
        }
        await camera.stop()
        let waited = ContinuousClock.now - started
        timeout.seconds = waited.seconds
        if timeout.frames > 0 { timeout.problems.append("\(timeout.frames) frames at 100 % drops") }
        timeout.ok = timeout.problems.isEmpty
        print("time-out after \(timeout.seconds ?? 0) s: \(timeout.error ?? "none")\(timeout.ok ? "" : " FAIL: \(timeout.problems)")")
        return [drops, timeout]
    }

    /// Sets a format (unless nil), streams `frames` frames and checks them.
    static func stream(_ camera: V4L2Camera, _ name: String, _ size: FrameSize?, fps: Int?, frames wanted: Int, still: Bool = false) async throws -> Step {
        print("== \(name)")
        if let size, let fps { _ = try await camera.set(size, .yuyv, framesPerSecond: fps) }
        var step = Step(name: name)
        let started = ContinuousClock.now
        // Eight buffers: slack for the capture thread on an emulated, shared CPU.
        let stream = try await camera.frames(bufferCount: 8, frameTimeout: .seconds(10))
        var frames: [Frame] = []
        for try await frame in stream {
            frames.append(frame)
            if frames.count == wanted { break }
        }
        await camera.stop()
        let elapsed = ContinuousClock.now - started
        guard let first = frames.first, let last = frames.last else { step.problems.append("no frames"); return step }
        step.width = last.format.size.width
        step.height = last.format.size.height
        step.pixelformat = last.format.pixelFormat.description
        step.frames = frames.count
        step.firstSequence = Int(first.sequence)
        step.contiguous = zip(frames, frames.dropFirst()).allSatisfy { $1.sequence == $0.sequence &+ 1 }
        step.timestampsIncrease = zip(frames, frames.dropFirst()).allSatisfy { $1.timestamp > $0.timestamp }
        step.dropped = last.droppedFrames
        step.bad = last.badFrames
        step.fps = (Double(frames.count) / max(0.001, elapsed.seconds) * 10).rounded() / 10
        if frames.count != wanted { step.problems.append("\(frames.count) of \(wanted) frames") }
        if !step.contiguous { step.problems.append("sequence numbers not contiguous: \(frames.map(\.sequence))") }
        if !step.timestampsIncrease { step.problems.append("timestamps do not increase") }
        if let size, last.format.size != size { step.problems.append("size \(last.format.size), wanted \(size)") }
        if frames.contains(where: { $0.bytes.count != $0.format.size.area * 2 }) { step.problems.append("frame byte count is not width*height*2") }
        if still {
            // The decode path on a real frame: YUYV to gray and RGB, then a JPEG still that decodes back.
            let (gray, rgb) = try YUYVConverter.convert(last.bytes, width: last.format.size.width, height: last.format.size.height, bytesPerLine: last.format.bytesPerLine)
            let jpeg = try JPEGEncoder(quality: 85).encode(rgb)
            let back = try JPEGDecoder().rgb(jpeg)
            step.stillBytes = jpeg.count
            step.grayMean = gray.pixels.reduce(0) { $0 + Int($1) } / gray.pixels.count
            if back.width != rgb.width || back.height != rgb.height { step.problems.append("still did not decode back") }
        }
        step.ok = step.problems.isEmpty
        print("\(step.frames) frames \(step.width)x\(step.height) \(step.pixelformat) at \(step.fps) fps, first sequence \(step.firstSequence), dropped \(step.dropped), bad \(step.bad)\(step.ok ? "" : " FAIL: \(step.problems)")")
        return step
    }

    /// A short session through the recording layer, printed for Tests/CameraTests/Recordings.
    static func record(_ device: String) async throws {
        let recorder = RecordingSystemCalls()
        do {
            let camera = try V4L2Camera(node: device, system: recorder)
            _ = try await camera.set(FrameSize(width: 320, height: 180), .yuyv, framesPerSecond: 30)
            let stream = try await camera.frames(bufferCount: 3, frameTimeout: .seconds(10))
            var count = 0
            for try await _ in stream {
                count += 1
                if count == 5 { break }
            }
            await camera.stop()
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for record in recorder.records {
            print("ENROLLD-SYSCALL: " + String(decoding: try encoder.encode(record), as: UTF8.self))
        }
    }
}

struct Report: Codable {
    var tool = "enroll-camera-selftest"
    var device: String
    var driver = ""
    var card = ""
    var formats: [String] = []
    var sizes: [String: [String]] = [:]
    var negotiated = ""
    var steps: [Step] = []
    var error: String?
    var ok = false
}

struct Step: Codable {
    var name: String
    var width = 0
    var height = 0
    var pixelformat = ""
    var frames = 0
    var firstSequence = 0
    var contiguous = false
    var timestampsIncrease = false
    var dropped = 0
    var bad = 0
    var fps = 0.0
    var stillBytes: Int?
    var error: String?
    var attempts: Int?
    /// Seconds until the time-out fired (the time-out step).
    var seconds: Double?
    var grayMean: Int?
    var problems: [String] = []
    var ok = false
}
