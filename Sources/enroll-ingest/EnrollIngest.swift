import ArgumentParser

/// enroll-ingest: the reference central receiver (docs/sync-protocol.md).
@main
struct EnrollIngest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enroll-ingest",
        abstract: "Receives kiosk records over mutual TLS, stores each exactly once and signs receipts.",
        subcommands: [ServeCommand.self, KeygenCommand.self, RegisterCommand.self, RevokeCommand.self, ListCommand.self, ImportOutboxCommand.self,
                      AcceptGapCommand.self, EraseCommand.self, FindCommand.self, ExportCommand.self, AuditCommand.self],
        defaultSubcommand: ServeCommand.self)
}
