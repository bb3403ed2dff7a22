import EnrollCore
import Hummingbird

extension DaemonStatus: ResponseEncodable {}
extension DeviceList: ResponseEncodable {}
extension CameraTestReport: ResponseEncodable {}
extension SyncSummary: ResponseEncodable {}
extension MaintenanceView: ResponseEncodable {}
