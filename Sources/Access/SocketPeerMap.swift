/// Maps a Unix-socket peer (uid, gid and supplementary groups, from `SO_PEERCRED`) to a
/// role. Rules are tried in order; root and the daemon's own user are technicians unless
/// a rule says otherwise; anyone else unmatched has no role.
public struct SocketPeerMap: Sendable, Equatable {
    public enum Match: Sendable, Equatable {
        case uid(UInt32)
        case gid(UInt32)
    }

    public struct Rule: Sendable, Equatable {
        public var match: Match
        public var role: Role
        public init(match: Match, role: Role) {
            self.match = match
            self.role = role
        }
    }

    public var rules: [Rule]
    public var ownUID: UInt32

    public init(rules: [Rule], ownUID: UInt32) {
        self.rules = rules
        self.ownUID = ownUID
    }

    public func role(uid: UInt32, groups: [UInt32]) -> Role? {
        for rule in rules {
            switch rule.match {
            case .uid(let wanted) where wanted == uid: return rule.role
            case .gid(let wanted) where groups.contains(wanted): return rule.role
            default: continue
            }
        }
        return uid == 0 || uid == ownUID ? .technician : nil
    }
}
