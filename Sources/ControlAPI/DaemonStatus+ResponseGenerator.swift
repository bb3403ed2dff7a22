import EnrollCore
import Hummingbird

extension DaemonStatus: ResponseEncodable {}
