import Foundation
import Yams

/// The configuration file as a technician wrote it, for `enrollctl diagnose`: YAML with the
/// same keys as the file, every secret's value replaced, so a developer reads the kiosk's
/// settings in the words of `config/enrolld.yaml` (the daemon's defaults fill the rest).
/// Comments are not kept: the file is re-written from its parsed form, which is also what
/// guarantees a secret in flow style (`access: {station_token: …}`) is masked too.
enum MaskedConfigurationText {
    /// Keys whose values are secrets, wherever they appear.
    static let secretKeys: Set<String> = ["station_token"]
    /// Long enough to pass the token's own check, so the masked file still loads.
    static let mask = "(set; masked in this bundle)"

    /// The masked text of the configuration's source, or a line saying why there is none.
    static func of(_ source: ConfigurationLoader.Source) -> String {
        switch source {
        case .defaults(let missing):
            return "# no file at \(missing): enrolld runs on its built-in defaults\n"
        case .file(let path, let bytes):
            guard let text = String(data: bytes, encoding: .utf8) else {
                return "# \(path) is not UTF-8 text; not copied\n"
            }
            return "# \(path), secrets masked, comments left out\n" + masked(text)
        }
    }

    /// `text` with each secret's value replaced; text that does not parse is not copied,
    /// since its secrets cannot be found.
    static func masked(_ text: String) -> String {
        guard let document = try? Yams.compose(yaml: text) else {
            return "# the file does not parse as YAML; not copied\n"
        }
        let cleaned = maskSecrets(document)
        return (try? Yams.serialize(node: cleaned)) ?? "# the file could not be written back as YAML; not copied\n"
    }

    private static func maskSecrets(_ node: Node) -> Node {
        switch node {
        case .mapping(let mapping):
            var pairs: [(Node, Node)] = []
            for (key, value) in mapping {
                if let name = key.string, secretKeys.contains(name) {
                    let empty = value.string?.isEmpty == true
                    pairs.append((key, empty ? value : Node(mask)))
                } else {
                    pairs.append((key, maskSecrets(value)))
                }
            }
            return .mapping(Node.Mapping(pairs))
        case .sequence(let sequence):
            return .sequence(Node.Sequence(sequence.map(maskSecrets)))
        default:
            return node
        }
    }
}
