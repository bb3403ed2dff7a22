import Access
import Foundation
import Hummingbird
import NIOCore

/// The Unix socket: the peer's uid and groups, read from the connection (`SO_PEERCRED`),
/// mapped to a role by the configuration.
struct SocketAuthenticator: Authenticating {
    let peers: SocketPeerMap

    func principal(_ request: Request, _ context: ControlContext) async throws(APIProblem) -> Principal? {
        guard let channel = context.channel, let credentials = await PeerCredentials.read(from: channel) else { return nil }
        let groups = [credentials.gid] + PeerCredentials.supplementaryGroups(uid: credentials.uid, primary: credentials.gid)
        guard let role = peers.role(uid: credentials.uid, groups: groups) else { return nil }
        return Principal(id: "uid:\(credentials.uid)", role: role, via: .socket)
    }

    var anonymousRefusal: APIProblem {
        .forbidden("This user has no role on the enrolld socket; see access.socket_* in the configuration.")
    }
}
