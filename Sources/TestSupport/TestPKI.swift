import Foundation

/// A certificate authority for a test, made by the project's own provisioning scripts
/// (`scripts/provision-ca`, `scripts/provision-issue`) with the real openssl CLI.
public struct TestPKI: Sendable {
    public let folder: URL

    public static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") }

    /// A new CA in `folder` (created), named `name`.
    public init(folder: URL, name: String = "enrolld test CA") throws {
        self.folder = folder
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try script("provision-ca", [folder.path, name])
    }

    public var caFile: String { folder.appendingPathComponent("ca.pem").path }

    /// Issues `kind` ("server", "device", "expired") certificate `name` for `hosts` (server
    /// only); returns (certificate, key) paths.
    @discardableResult
    public func issue(_ kind: String, _ name: String, hosts: [String] = []) throws -> (certificate: String, key: String) {
        try script("provision-issue", [folder.path, kind, name] + hosts)
        return (folder.appendingPathComponent("\(name).pem").path, folder.appendingPathComponent("\(name).key").path)
    }

    private func script(_ name: String, _ arguments: [String]) throws {
        let path = BuiltProducts.repositoryRoot.appendingPathComponent("scripts/\(name)").path
        // The scripts' output files land in the CA's folder, removed with it.
        let (status, _, errors) = try RunningProcess.run("/bin/sh", [path] + arguments, folder: folder)
        guard status == 0 else { throw ThrowawayPostgres.Failure("\(name) failed: \(errors)") }
    }
}
