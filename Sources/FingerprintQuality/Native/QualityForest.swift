import Foundation

/// NIST NFIQ 2's random forest ("Plain TIR + Ink" 2.0.0): 100 classification trees over the 69
/// native measures; the score is the share of trees voting "good", 0–100. The forest is
/// NIST's work and is not kept in this repository: `scripts/install-nfiq2-model` writes it
/// (checked against NIST's MD5) to the file `quality.finger_model` names, and this type reads
/// OpenCV's `opencv_ml_rtrees` YAML form of it at run time.
public struct QualityForest: Sendable {
    public enum LoadError: Error, Equatable, CustomStringConvertible {
        case unreadable(String)
        case malformed(String)

        public var description: String {
            switch self {
            case .unreadable(let why): "the fingerprint quality model cannot be read: \(why)"
            case .malformed(let why): "the fingerprint quality model is not NFIQ 2's forest: \(why)"
            }
        }
    }

    /// Trees, as flat node arrays; node 0 of each tree is its root.
    struct Tree: Sendable {
        /// The measure a node splits on, or -1 for a leaf.
        var feature: [Int16] = []
        /// Go left when the measure (as a 32-bit float, as OpenCV compares) is ≤ this.
        var threshold: [Float] = []
        /// The right child (the left child is the next node).
        var right: [Int32] = []
        /// A leaf's class: 1 = good.
        var vote: [UInt8] = []

        func classify(_ sample: [Float]) -> UInt8 {
            var node = 0
            while feature[node] >= 0 {
                node = sample[Int(feature[node])] <= threshold[node] ? node + 1 : Int(right[node])
            }
            return vote[node]
        }
    }

    let trees: [Tree]
    public static let inputCount = 69
    public static let treeCount = 100
    /// The largest file accepted: NIST's forest is 21.4 MB.
    public static let maximumFileSize = 64 << 20

    public var nodeCount: Int { trees.reduce(0) { $0 + $1.vote.count } }

    /// Reads the forest; refuses anything that is not a 100-tree, 69-input two-class forest.
    public init(contentsOf url: URL) throws(LoadError) {
        let data: Data
        do {
            let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
            guard size <= Self.maximumFileSize else { throw LoadError.malformed("\(url.path) is \(size) bytes, more than any forest") }
            // Mapped, not read: the text is scanned once and dropped.
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch let error as LoadError {
            throw error
        } catch {
            throw .unreadable("\(url.path): \((error as NSError).localizedDescription)")
        }
        // Scanned in place: a copy would double the 21 MB the daemon holds at start.
        let scanned = data.withUnsafeBytes { raw in Result { () throws(LoadError) in try ForestYAML.nodes(raw.bindMemory(to: UInt8.self)) } }
        try self.init(scanned.get())
    }

    init(yaml bytes: [UInt8]) throws(LoadError) {
        let scanned = bytes.withUnsafeBufferPointer { buffer in Result { () throws(LoadError) in try ForestYAML.nodes(buffer) } }
        try self.init(scanned.get())
    }

    private init(_ nodes: (header: ForestYAML.Header, trees: [[ForestYAML.Node]])) throws(LoadError) {
        guard nodes.header.classifier, nodes.header.inputs == Self.inputCount, nodes.trees.count == Self.treeCount,
              nodes.trees.count == nodes.header.treeCount else {
            throw .malformed("expected a two-class forest of \(Self.treeCount) trees over \(Self.inputCount) measures, found \(nodes.trees.count) trees over \(nodes.header.inputs)")
        }
        trees = try nodes.trees.enumerated().map { index, list throws(LoadError) in try Self.tree(list, index: index) }
    }

    /// Links a tree's nodes, listed depth-first with their depths, into left/right children.
    private static func tree(_ list: [ForestYAML.Node], index: Int) throws(LoadError) -> Tree {
        var tree = Tree()
        tree.feature.reserveCapacity(list.count)
        var position = 0
        func add(depth: Int) throws(LoadError) {
            guard position < list.count else { throw .malformed("tree \(index) ends inside a split") }
            let node = list[position]
            guard node.depth == depth else { throw .malformed("tree \(index) node \(position) at depth \(node.depth), expected \(depth)") }
            position += 1
            let me = tree.vote.count
            tree.vote.append(node.value >= 0.5 ? 1 : 0)
            tree.feature.append(Int16(node.feature ?? -1))
            tree.threshold.append(Float(node.threshold ?? 0))
            tree.right.append(-1)
            guard let feature = node.feature else { return }
            guard (0..<inputCount).contains(feature), node.threshold != nil else { throw .malformed("tree \(index) splits on measure \(feature)") }
            guard depth < 64 else { throw .malformed("tree \(index) is deeper than 64") }
            try add(depth: depth + 1)
            tree.right[me] = Int32(tree.vote.count)
            try add(depth: depth + 1)
        }
        try add(depth: 0)
        guard position == list.count else { throw .malformed("tree \(index) has \(list.count - position) nodes after its last leaf") }
        return tree
    }

    /// The score 0–100: trees voting good × 100 / trees, rounded half up (as NFIQ 2 scales
    /// OpenCV's raw vote count).
    public func score(_ measures: [Double]) -> Int {
        precondition(measures.count == Self.inputCount, "one value per native measure")
        let sample = measures.map { Float($0) }
        let votes = trees.reduce(0) { $0 + Int($1.classify(sample)) }
        return Int((Double(votes) * 100 / Double(trees.count) + 0.5).rounded(.down))
    }
}
