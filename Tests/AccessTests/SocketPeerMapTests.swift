import Testing
@testable import Access

@Suite struct SocketPeerMapTests {
    let map = SocketPeerMap(rules: [
        .init(match: .uid(1001), role: .station),
        .init(match: .gid(500), role: .technician),
        .init(match: .uid(0), role: .supervisor),
    ], ownUID: 999)

    @Test(arguments: [
        (UInt32(1001), [UInt32(500)], Role?.some(.station)),
        (1002, [100, 500], .technician),
        (0, [0], .supervisor),
        (999, [999], .technician),
        (1003, [100], nil),
    ])
    func rulesInOrderThenRootAndSelf(_ uid: UInt32, _ groups: [UInt32], _ role: Role?) {
        #expect(map.role(uid: uid, groups: groups) == role)
    }

    @Test func withoutRulesOnlyRootAndTheDaemonsUserAreTechnicians() {
        let bare = SocketPeerMap(rules: [], ownUID: 999)
        #expect(bare.role(uid: 0, groups: []) == .technician)
        #expect(bare.role(uid: 999, groups: []) == .technician)
        #expect(bare.role(uid: 1000, groups: [999]) == nil)
    }
}
