import ArgumentParser
import EnrollCore
import Foundation
import Ingest
import Logging

/// `enroll-ingest find REFERENCE…`: a person comes to the centre with the short reference
/// the kiosk's end screen gave them (or a record id) and asks what is held about them. This
/// names the record(s): full id, kiosk, chain position, when made and received, erased or
/// not; then `export` makes their copy, `erase` carries out a deletion.
struct FindCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "find",
        abstract: "Find stored records by a person's short reference (as on the kiosk's end screen) or record id.",
        discussion: """
            A short reference is the record id's last 8 hex digits, printed on the end screen as 3F9A 21C7; case, \
            spaces and dashes do not matter. Several records can share one: all are shown and called ambiguous \
            (tell them apart by the day and the kiosk). Reads the storage only (beside a running receiver). \
            Exit status 0 when each reference names one record, 1 when one names none, 2 when one names several, \
            3 when the storage or the registration file cannot be read.
            """)

    @Argument(help: "Short references (3F9A21C7, \"3F9A 21C7\", 3f9a-21c7) or record ids (8-4-4-4-12 hex).") var references: [String]
    @Option(help: "Device registrations, to name each record's kiosk by its label.") var devices: String?
    @OptionGroup var storageOptions: StorageOptions
    @Flag(help: "One JSON object, for a case-handling script.") var json = false

    static let maximumReferences = 100

    func validate() throws {
        if references.isEmpty { throw ValidationError("name at least one short reference or record id") }
        guard references.count <= Self.maximumReferences else { throw ValidationError("at most \(Self.maximumReferences) references at a time") }
        for (text, parsed) in RecordReference.parsing(arguments: references) {
            if case .failure(let why) = parsed { throw ValidationError("'\(RecordReference.printable(text))': \(why)") }
        }
    }

    func run() async throws {
        try await AnswerOrFailure.run(find)
    }

    func find() async throws {
        let logger = Logger(label: "enroll-ingest.find")
        let labels = try devices.map { path in
            Dictionary(try RegistrationText(path: path).existing().all.map { (Hex.encode($0.deviceID), $0.label) }, uniquingKeysWith: { first, _ in first })
        }
        let opened = try await OpenedLookup(storageOptions, logger: logger)
        defer { opened.close() }
        var entries: [FindReport.Entry] = []
        for case (_, .success(let reference)) in RecordReference.parsing(arguments: references) {
            do { entries.append(.init(reference: reference, records: try await opened.lookup.records(matching: reference))) }
            catch let error as IngestError { throw ValidationFailure(error.message) }
        }
        let report = FindReport(entries: entries, labels: labels)
        print(json ? try report.json() : report.text())
        RequestLogNote.print(what: "look-up")
        if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
    }
}
