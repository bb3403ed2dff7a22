import Yams

/// Walks a composed YAML document, collecting every problem with its line and key.
/// A value that is refused falls back to its default, so one pass finds all problems.
final class ConfigurationReader {
    let file: String
    private(set) var errors: [ConfigurationError] = []

    init(file: String) {
        self.file = file
    }

    func report(_ node: Node?, _ key: String, _ problem: String) {
        errors.append(ConfigurationError(file: file, line: node?.mark?.line, column: node?.mark?.column, key: key, problem: problem))
    }

    /// The document's top level; an empty document is an empty mapping.
    func root(_ node: Node?) -> ConfigurationSection {
        guard let node else { return ConfigurationSection(path: "", node: nil, pairs: [:], reader: self) }
        return section(node, path: "")
    }

    /// A nested mapping; an absent one yields its defaults.
    func section(in parent: ConfigurationSection, _ key: String) -> ConfigurationSection {
        let path = parent.path(key)
        guard let node = parent.take(key) else { return ConfigurationSection(path: path, node: nil, pairs: [:], reader: self) }
        return section(node, path: path)
    }

    private func section(_ node: Node, path: String) -> ConfigurationSection {
        guard case .mapping(let mapping) = node else {
            report(node, path, "expected a mapping of keys, found \(YAMLValue(node).found)")
            return ConfigurationSection(path: path, node: node, pairs: [:], reader: self)
        }
        var pairs: [String: (key: Node, value: Node)] = [:]
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                report(keyNode, path, "keys must be plain words, found \(YAMLValue(keyNode).found)")
                continue
            }
            // Yams has already refused duplicate keys.
            pairs[scalar.string] = (keyNode, value)
        }
        return ConfigurationSection(path: path, node: node, pairs: pairs, reader: self)
    }
}

/// One mapping of the file. Reading a key marks it known; `finish()` reports the rest as
/// unknown, so the list of accepted keys is exactly the code that reads them.
final class ConfigurationSection {
    let path: String
    let node: Node?
    private let pairs: [String: (key: Node, value: Node)]
    private var consumed: Set<String> = []
    private let reader: ConfigurationReader

    init(path: String, node: Node?, pairs: [String: (key: Node, value: Node)], reader: ConfigurationReader) {
        self.path = path
        self.node = node
        self.pairs = pairs
        self.reader = reader
    }

    func path(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// The value node of `key`, marking the key as known.
    func take(_ key: String) -> Node? {
        consumed.insert(key)
        return pairs[key]?.value
    }

    /// Records a problem at `node` under the full key path `key`.
    func reportProblem(_ node: Node?, _ key: String, _ problem: String) {
        reader.report(node, key, problem)
    }

    /// Reports keys nobody read, suggesting the closest known one.
    func finish() {
        for (name, pair) in pairs.sorted(by: { $0.key < $1.key }) where !consumed.contains(name) {
            let hint = consumed.min { editDistance($0, name) < editDistance($1, name) }
                .flatMap { editDistance($0, name) <= 3 ? " (did you mean \($0)?)" : nil }
                ?? " (known keys: \(consumed.sorted().joined(separator: ", ")))"
            reader.report(pair.key, path(name), "unknown key" + hint)
        }
    }
}

/// Levenshtein distance, for "did you mean" hints on misspelt keys.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var previous = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in stride(from: 1, through: b.count, by: 1) {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return a.isEmpty ? b.count : previous[b.count]
}
