import Camera
import ControlAPI
import EnrollCore
import EventLog
import Foundation
import Imaging
import Logging

/// `POST /v1/cameras/test`: opens the camera afresh (so a re-plugged camera works without
/// a daemon restart), negotiates the face-capture format, streams for the asked time, and
/// reports the rate, the dropped and the bad frames, and optionally a still.
struct CameraTestRunner: CameraTester {
    let registry: DeviceRegistry
    let policy: FormatPolicy
    let logger: Logger

    func test(_ request: CameraTestRequest) async throws -> CameraTestReport {
        let cameras = await registry.all.filter { $0.kind == .camera }
        let chosen = request.camera.map { id in cameras.first { $0.id == id } } ?? cameras.first
        guard let device = chosen else {
            throw CameraTestUnavailable(request.camera.map { "No camera with id \($0); see `enrollctl devices`." } ?? "No camera is attached.")
        }
        var report = CameraTestReport(id: device.id, name: device.name, driver: device.driver ?? "", node: "", format: "",
                                      frames: 0, seconds: 0, framesPerSecond: 0, droppedFrames: 0, badFrames: 0)
        let metadata: Logger.Metadata = [LogKey.device: "\(device.id)"]
        do {
            let camera = try device.openCamera()
            let details = await camera.details()
            report.node = details.node
            report.driver = details.driver
            report.format = try await camera.configure(policy).description
            try await stream(camera, request, &report)
        } catch let error as V4L2Error where error.isDeviceRemoved {
            report.error = "\(error)"
            logger.log(.cameraLost, "camera \(device.name) went away while streaming", metadata: metadata.merging([LogKey.error: "\(error)"]) { $1 })
            // Until udev reports the removal (or the re-plug), the registry shows it as removed.
            if var summary = await registry.all.first(where: { $0.id == device.id }) {
                summary.health = .removed
                await registry.apply(.updated(summary))
            }
        } catch {
            report.error = "\(error)"
            logger.log(.cameraFailed, "camera \(device.name) failed its test: \(error)", metadata: metadata.merging([LogKey.error: "\(error)"]) { $1 })
        }
        return report
    }

    private func stream(_ camera: any Camera, _ request: CameraTestRequest, _ report: inout CameraTestReport) async throws {
        let frames = try await camera.frames(bufferCount: 4, frameTimeout: .seconds(3))
        let clock = ContinuousClock()
        let start = clock.now
        var last: Frame?
        var decodeFailures = 0
        let decoder = try JPEGDecoder()
        do {
            for try await frame in frames {
                if report.frames == 0 { report.droppedFrames = 0 }
                report.frames += 1
                report.droppedFrames = frame.droppedFrames
                report.badFrames = frame.badFrames + decodeFailures
                // Every MJPEG frame is decoded, as a capture would: damaged ones are counted, not fatal.
                if frame.format.pixelFormat.isJPEG, (try? decoder.gray(frame.bytes)) == nil { decodeFailures += 1 }
                last = frame
                if clock.now - start >= .seconds(request.seconds) { break }
            }
        } catch {
            await camera.stop()
            throw error
        }
        await camera.stop()
        let elapsed = clock.now - start
        report.seconds = elapsed.seconds
        report.framesPerSecond = report.seconds > 0 ? (Double(report.frames) / report.seconds * 10).rounded() / 10 : 0
        report.badFrames = (last?.badFrames ?? 0) + decodeFailures
        if request.still, let last { report.stillJPEGBase64 = try still(last).base64EncodedString() }
    }

    private func still(_ frame: Frame) throws -> Data {
        Data(try JPEGEncoder(quality: 90).encode(try frame.rgb()))
    }
}
