/// The few keys of OpenCV's `opencv_ml_rtrees` YAML that a forest's prediction needs, read by
/// a byte scanner: a general YAML parser would hold 138,000 nodes as dictionaries of strings.
/// Trees begin at `nodes:`; each node at `depth:`, with its class in `value:` and, for a split,
/// the measure in `var:` and the threshold in `le:`. Keys that would change the meaning of a
/// split (categorical subsets `in:`, surrogate splits) are refused.
enum ForestYAML {
    struct Node {
        var depth: Int
        var value: Double = 0
        var feature: Int?
        var threshold: Double?
    }

    struct Header {
        var classifier = false
        var inputs = 0
        var treeCount = 0
    }

    static func nodes(_ bytes: UnsafeBufferPointer<UInt8>) throws(QualityForest.LoadError) -> (header: Header, trees: [[Node]]) {
        guard bytes.starts(with: Array("%YAML".utf8)) else { throw .malformed("not a YAML document") }
        var header = Header()
        var trees: [[Node]] = []
        var inTrees = false
        var index = 0
        let count = bytes.count
        while index < count {
            // A key: letters and underscores followed by ':'.
            let start = index
            while index < count, isKeyByte(bytes[index]) { index += 1 }
            guard index > start, index < count, bytes[index] == UInt8(ascii: ":") else {
                index = max(index, start + 1)
                continue
            }
            let key = String(decoding: bytes[start..<index], as: UTF8.self)
            index += 1
            switch key {
            case "trees": inTrees = true
            case "is_classifier" where !inTrees: header.classifier = try integer(bytes, &index, key) == 1
            case "var_count" where !inTrees: header.inputs = try integer(bytes, &index, key)
            case "ntrees" where !inTrees: header.treeCount = try integer(bytes, &index, key)
            case "nodes" where inTrees: trees.append([])
            case "depth" where inTrees:
                guard !trees.isEmpty else { throw .malformed("a node before any tree") }
                trees[trees.count - 1].append(Node(depth: try integer(bytes, &index, key)))
            case "value" where inTrees: try withNode(&trees) { node throws(QualityForest.LoadError) in node.value = try number(bytes, &index, key) }
            case "var" where inTrees:
                try withNode(&trees) { node throws(QualityForest.LoadError) in
                    guard node.feature == nil else { throw .malformed("a node with more than one split (surrogates)") }
                    node.feature = try integer(bytes, &index, key)
                }
            case "le" where inTrees: try withNode(&trees) { node throws(QualityForest.LoadError) in node.threshold = try number(bytes, &index, key) }
            case "in", "subset": if inTrees { throw .malformed("categorical splits (\(key)) are not NFIQ 2's") }
            default: break
            }
        }
        return (header, trees)
    }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: "_")
    }

    private static func withNode(_ trees: inout [[Node]], _ body: (inout Node) throws(QualityForest.LoadError) -> Void) throws(QualityForest.LoadError) {
        guard let last = trees.indices.last, !trees[last].isEmpty else { throw .malformed("a node value outside a node") }
        try body(&trees[last][trees[last].count - 1])
    }

    private static func token(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> Substring {
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
        let start = index
        while index < bytes.count, !(bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: ",") || bytes[index] == UInt8(ascii: "\n")
                                     || bytes[index] == UInt8(ascii: "}") || bytes[index] == UInt8(ascii: "\r")) { index += 1 }
        return Substring(String(decoding: bytes[start..<index], as: UTF8.self))
    }

    private static func integer(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, _ key: String) throws(QualityForest.LoadError) -> Int {
        let text = token(bytes, &index)
        guard let value = Int(text) else { throw .malformed("\(key): \"\(text.prefix(20))\" is not a whole number") }
        return value
    }

    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, _ key: String) throws(QualityForest.LoadError) -> Double {
        var text = token(bytes, &index)
        // OpenCV writes whole numbers as "1." and "52.".
        if text.hasSuffix(".") { text += "0" }
        guard let value = Double(text), value.isFinite else { throw .malformed("\(key): \"\(text.prefix(20))\" is not a number") }
        return value
    }
}
