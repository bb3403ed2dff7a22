import Yams

/// Typed reads. Each returns the default when the key is absent, and reports and returns
/// the default when the value is refused.
extension ConfigurationSection {
    func integer(_ key: String, default value: Int, range: ClosedRange<Int>) -> Int {
        guard let node = take(key) else { return value }
        let expected = "expected an integer from \(range.lowerBound) to \(range.upperBound)"
        guard case .integer(let found) = YAMLValue(node) else {
            report(node, key, "\(expected), found \(YAMLValue(node).found)")
            return value
        }
        guard range.contains(found) else {
            report(node, key, "\(expected), found \(found)")
            return value
        }
        return found
    }

    func boolean(_ key: String, default value: Bool) -> Bool {
        guard let node = take(key) else { return value }
        guard case .boolean(let found) = YAMLValue(node) else {
            report(node, key, "expected true or false, found \(YAMLValue(node).found)")
            return value
        }
        return found
    }

    /// A string; `check` returns a problem to refuse it.
    func string(_ key: String, default value: String, check: (String) -> String? = { _ in nil }) -> String {
        guard let node = take(key) else { return value }
        guard case .string(let found) = YAMLValue(node) else {
            report(node, key, "expected a string, found \(YAMLValue(node).found)")
            return value
        }
        if let problem = check(found) {
            report(node, key, problem)
            return value
        }
        return found
    }

    /// One of a fixed set of words.
    func choice<T>(_ key: String, default value: T, _ options: KeyValuePairs<String, T>) -> T {
        guard let node = take(key) else { return value }
        let names = options.map(\.key)
        let expected = "expected one of \(names.joined(separator: ", "))"
        guard case .string(let found) = YAMLValue(node) else {
            report(node, key, "\(expected), found \(YAMLValue(node).found)")
            return value
        }
        guard let match = options.first(where: { $0.key == found }) else {
            report(node, key, "\(expected), found \"\(found)\"")
            return value
        }
        return match.value
    }

    /// Permission bits written in octal, `"0660"` or `0660` (a plain 0660 would read as
    /// decimal 660 in YAML 1.2, so the text is taken as written). Bits for "other" are
    /// refused: the socket must never be open to every local user.
    func fileMode(_ key: String, default value: UInt32) -> UInt32 {
        guard let node = take(key) else { return value }
        let expected = "expected permission bits in octal such as \"0660\""
        guard case .scalar(let scalar) = node else {
            report(node, key, "\(expected), found \(YAMLValue(node).found)")
            return value
        }
        let text = scalar.string
        guard (3...4).contains(text.count), text.allSatisfy({ ("0"..."7").contains($0) }),
              let mode = UInt32(text, radix: 8), mode <= 0o777 else {
            report(node, key, "\(expected), found \(YAMLValue(node).found)")
            return value
        }
        guard mode & 0o007 == 0 else {
            report(node, key, "must not give access to other users (last digit 0), found \"\(text)\"")
            return value
        }
        return mode
    }

    private func report(_ node: Node, _ key: String, _ problem: String) {
        reportProblem(node, path(key), problem)
    }

    /// A number such as `0.0001`, `1e-4` or `40` within `range`.
    func decimal(_ key: String, default value: Double, range: ClosedRange<Double>) -> Double {
        guard let node = take(key) else { return value }
        let expected = "expected a number from \(range.lowerBound) to \(range.upperBound)"
        let found: Double?
        switch YAMLValue(node) {
        case .integer(let integer): found = Double(integer)
        case .number(let text): found = Double(text)
        default: found = nil
        }
        guard let number = found, number.isFinite else {
            report(node, key, "\(expected), found \(YAMLValue(node).found)")
            return value
        }
        guard range.contains(number) else {
            report(node, key, "\(expected), found \(number)")
            return value
        }
        return number
    }
}
