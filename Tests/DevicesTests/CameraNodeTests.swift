import EnrollCore
import Testing
@testable import Devices

@Suite struct CameraNodeTests {
    @Test func uvcCaptureNodeBecomesACameraWithItsPortAsId() {
        let node = CameraNode(devnode: "/dev/video0", properties: [
            "ID_V4L_CAPABILITIES": ":capture:", "ID_PATH": "pci-0000:00:14.0-usb-0:2:1.0",
            "ID_SERIAL": "046d_HD_Pro_Webcam_C920_ABC123", "ID_V4L_PRODUCT": "HD Pro Webcam C920",
        ], driver: "uvcvideo")
        #expect(node.isCapture)
        #expect(node.summary() == DeviceSummary(id: "pci-0000:00:14.0-usb-0:2:1.0", kind: .camera, name: "HD Pro Webcam C920", driver: "uvcvideo", health: .ready))
    }

    /// UVC registers a metadata node next to the capture node; it is not a second camera.
    @Test func metadataAndOutputNodesAreNotCameras() {
        #expect(!CameraNode(devnode: "/dev/video1", properties: ["ID_V4L_CAPABILITIES": ":"]).isCapture)
        #expect(!CameraNode(devnode: "/dev/video2", properties: ["ID_V4L_CAPABILITIES": ":video_output:"]).isCapture)
    }

    @Test func idFallsBackToSerialThenNode() {
        #expect(CameraNode(devnode: "/dev/video0", properties: ["ID_SERIAL": "cam-1"]).stableID == "cam-1")
        let bare = CameraNode(devnode: "/dev/video0", properties: [:], sysName: "vivid-000-vid-cap")
        #expect(bare.stableID == "/dev/video0")
        #expect(bare.summary().name == "vivid-000-vid-cap")
        #expect(bare.isCapture, "without udev's v4l_id answer the node is kept; opening it decides")
    }
}
