import ArgumentParser
import EnrollCore
import EnrollDaemon
import Foundation

/// `enrolld`: the kiosk daemon, normally started by systemd.
@main
struct EnrolldCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enrolld",
        abstract: "Biometric enrollment kiosk daemon.",
        discussion: "Runs in the foreground until SIGTERM or SIGINT. Logs to the journal when started by systemd.",
        version: EnrollVersion.current
    )

    @Option(name: .long, help: "The configuration file; a missing file means built-in defaults.")
    var config = "/etc/enrolld/enrolld.yaml"

    @Flag(name: .customLong("check-config"), help: "Check the configuration file (FILE, or --config) and exit 0 if valid, 1 if not.")
    var checkConfig = false

    @Argument(help: "With --check-config: the file to check.")
    var file: String?

    func validate() throws {
        if file != nil && !checkConfig {
            throw ValidationError("A FILE argument is only accepted with --check-config.")
        }
    }

    func run() async throws {
        let path = file ?? config
        let loaded: (DaemonConfiguration, ConfigurationLoader.Source)
        do {
            loaded = try ConfigurationLoader.load(path: path)
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            if !checkConfig {
                FileHandle.standardError.write(Data("enrolld: not started: fix the configuration, then check it with `enrolld --check-config \(path)`.\n".utf8))
            }
            throw ExitCode(checkConfig ? 1 : Daemon.ExitStatus.configuration)
        }
        if checkConfig {
            switch loaded.1 {
            case .file(let path): print("\(path): configuration is valid")
            case .defaults(let missing): print("\(missing): no such file; the built-in defaults apply and are valid")
            }
            return
        }
        let environment = ProcessInfo.processInfo.environment
        LoggingBootstrap.install(loaded.0.logging, environment: environment)
        let status = await Daemon.run(configuration: loaded.0, source: loaded.1, environment: environment)
        if status != 0 { throw ExitCode(status) }
    }
}
