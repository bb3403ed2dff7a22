import ArgumentParser
import EnrollCore
import EnrollDaemon
import EventLog
import Foundation
import Logging

/// `enrolld`: the kiosk daemon, normally started by systemd.
@main
struct EnrolldCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enrolld",
        abstract: "Biometric enrollment kiosk daemon.",
        discussion: "Runs in the foreground until SIGTERM or SIGINT. Logs to the journal when started by systemd.",
        version: EnrollVersion.current
    )

    /// Where the packaged unit points; without the file the daemon runs on its built-in
    /// defaults (a fresh install, `make demo`).
    static let defaultConfig = "/etc/enrolld/enrolld.yaml"

    @Option(name: .long, help: "The configuration file (default /etc/enrolld/enrolld.yaml, where a missing file means built-in defaults; a file named here must exist).")
    var config: String?

    @Flag(name: .customLong("check-config"), help: "Check the configuration file (FILE, or --config) and exit 0 if valid, 1 if not or missing.")
    var checkConfig = false

    @Argument(help: "With --check-config: the file to check.")
    var file: String?

    @Option(name: .customLong("accept-lost-records"),
            help: "With enrolld stopped: accept that the record database lost committed records through N (the chain witness's head, see the journal), and continue the chain after N.")
    var acceptLostRecords: UInt64?

    func validate() throws {
        if file != nil && !checkConfig {
            throw ValidationError("A FILE argument is only accepted with --check-config.")
        }
    }

    func run() async throws {
        let path = file ?? config ?? Self.defaultConfig
        // A path someone typed is a file they mean: a typo must not start a kiosk on the
        // defaults (another state directory, no central server, an empty outbox).
        let named = file != nil || config != nil
        let loaded: (DaemonConfiguration, ConfigurationLoader.Source)
        do {
            loaded = try ConfigurationLoader.load(path: path)
        } catch {
            if checkConfig {
                FileHandle.standardError.write(Data((error.description + "\n").utf8))
                throw ExitCode(1)
            }
            // Each problem becomes its own catalogued entry, with the default log target
            // since the file that would choose another is the broken one.
            LoggingBootstrap.install(DaemonConfiguration().logging, environment: ProcessInfo.processInfo.environment)
            let logger = Logger(label: "enrolld")
            for problem in error.errors {
                logger.log(.configurationInvalid, "\(problem)", metadata: [LogKey.path: "\(problem.file)"])
            }
            logger.log(.configurationInvalid, "Not started: fix \(path), then check it with `enrolld --check-config \(path)`")
            throw ExitCode(Daemon.ExitStatus.configuration)
        }
        if let through = acceptLostRecords {
            do {
                print(try LostRecordsAcceptance.run(stateDirectory: loaded.0.daemon.stateDirectory, through: through,
                                                    now: Int64(Date().timeIntervalSince1970 * 1000)), terminator: "")
            } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                throw ExitCode(1)
            }
            return
        }
        if checkConfig {
            switch loaded.1 {
            case .file(let path, _):
                // The file is valid, but the daemon would still refuse to start without its
                // consent texts: a restart after this check must not fail on them.
                if let problem = Daemon.consentProblem(loaded.0) {
                    FileHandle.standardError.write(Data("\(path): \(problem)\n".utf8))
                    throw ExitCode(1)
                }
                // Likewise the central TLS files: without them sync does not start.
                let central = Daemon.centralFileProblems(loaded.0)
                if !central.isEmpty {
                    FileHandle.standardError.write(Data(central.map { "\(path): \($0)\n" }.joined().utf8))
                    throw ExitCode(1)
                }
                print("\(path): configuration is valid")
            case .defaults(let missing):
                // A typo in the path must not pass a check: say what enrolld would do, but fail.
                let would = named ? "enrolld --config with it refuses to start" : "enrolld would start on the built-in defaults"
                FileHandle.standardError.write(Data("\(missing): no such file (\(would))\n".utf8))
                throw ExitCode(1)
            }
            return
        }
        let environment = ProcessInfo.processInfo.environment
        if case .defaults(let missing) = loaded.1, named {
            LoggingBootstrap.install(DaemonConfiguration().logging, environment: environment)
            Logger(label: "enrolld").log(.configurationInvalid,
                "Not started: \(missing) does not exist. A configuration file named with --config must exist; leave --config out to run on the built-in defaults.",
                metadata: [LogKey.path: "\(missing)"])
            throw ExitCode(Daemon.ExitStatus.configuration)
        }
        LoggingBootstrap.install(loaded.0.logging, environment: environment)
        let status = await Daemon.run(configuration: loaded.0, source: loaded.1, environment: environment)
        if status != 0 { throw ExitCode(status) }
    }
}
