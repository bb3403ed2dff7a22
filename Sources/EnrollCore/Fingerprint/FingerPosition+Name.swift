/// The fingers' names in the API and the configuration (`right_index`): one list for both.
extension FingerPosition {
    /// The finger's name, e.g. `right_index`.
    public var name: String {
        switch self {
        case .rightThumb: "right_thumb"
        case .rightIndex: "right_index"
        case .rightMiddle: "right_middle"
        case .rightRing: "right_ring"
        case .rightLittle: "right_little"
        case .leftThumb: "left_thumb"
        case .leftIndex: "left_index"
        case .leftMiddle: "left_middle"
        case .leftRing: "left_ring"
        case .leftLittle: "left_little"
        }
    }

    /// The finger called `name`, or nil for anything that is not exactly one of the names.
    public init?(name: String) {
        guard let finger = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = finger
    }
}
