import ControlAPI
import Foundation
import Glibc
import Testing
import TestSupport
@testable import EnrollDaemon

/// Reading consent texts: the shipped version, a centre's own, and every way a file or a
/// name can be wrong.
@Suite struct ConsentLibraryTests {
    static let shipped = BuiltProducts.repositoryRoot.appendingPathComponent("config/consent").path

    /// A scratch pair of folders: the centre's and the package's.
    final class Folders {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("consent-\(UUID().uuidString)")
        var centre: String { root.appendingPathComponent("centre").path }
        var package: String { root.appendingPathComponent("package").path }

        func write(_ folder: String, _ relative: String, _ bytes: [UInt8]) throws {
            let url = URL(fileURLWithPath: folder).appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }

        func write(_ folder: String, _ relative: String, _ text: String) throws { try write(folder, relative, Array(text.utf8)) }

        /// A complete version `version` in `folder`, for `languages`.
        func complete(_ folder: String, _ version: String, _ languages: [String] = ["en", "fa"]) throws {
            for language in languages {
                try write(folder, "\(version)/\(language).txt", "\(language) main \(version)\n")
                try write(folder, "\(version)/\(language).fingers.txt", "\(language) fingers\n")
                try write(folder, "\(version)/\(language).face.txt", "\(language) face\n")
            }
        }

        func load(_ version: String, languages: [String] = ["en", "fa"], fingers: Bool = true, face: Bool = true) throws(ConsentTextError) -> [ConsentTextView] {
            try ConsentLibrary.load(version: version, languages: languages, fingers: fingers, face: face, folders: [centre, package])
        }

        deinit { try? FileManager.default.removeItem(at: root) }
    }

    @Test func theShippedVersionHasEveryKioskLanguage() throws {
        let texts = try ConsentLibrary.load(version: "1", languages: ["fa", "en"], fingers: true, face: true, folders: [Self.shipped])
        #expect(texts.map(\.language) == ["en", "fa"])
        for text in texts {
            #expect(text.sha256 == ConsentLibrary.digest(text.text) && text.sha256.count == 64)
            #expect(text.text.components(separatedBy: "\n\n").count == 3)
        }
        #expect(texts[0].text.hasPrefix("We will take pictures of some of your fingers.\n\nWe will take a picture of your face.\n\n"))
    }

    /// A shipped version never changes: records name it, and a new wording is a new
    /// version. These digests are the words of version 1; a change here is a change to what
    /// past records mean.
    @Test(arguments: [
        ("en", true, "9367a99a2921da2b48f203705e8f675de357cd66974177bcbe8551a0937ea2ab"),
        ("en", false, "e5caa738c610c3ad0723ec5a56a86d3648e4e524853ff6e5a8734a5dd6496174"),
        ("fa", true, "8232a2df3db465659781e7670913af8cb16a32fb417c9b713f2f818ffcdd7baa"),
        ("fa", false, "cf247971db2c656fa5e409572294ac3d8c7aefbb4c26bba2b10c7efb64c1c86d"),
    ])
    func shippedVersionOneNeverChanges(language: String, face: Bool, sha256: String) throws {
        let texts = try ConsentLibrary.load(version: "1", languages: [language], fingers: true, face: face, folders: [Self.shipped])
        #expect(texts.first?.sha256 == sha256)
    }

    /// Version 2 (the shipped default): who receives the record, for how long, the duplicate
    /// comparison, the reference number and the rights, and asking staff to read it aloud.
    @Test(arguments: [
        ("en", true, "90e6c573f483f7ef8acf487e08253676fc33f956e3274cb24a1b2c11f9b5ab13"),
        ("en", false, "e3fb6c4478eff90597e53455efaba6dae5191153792d11ad3cc85bc88846b7a0"),
        ("fa", true, "d525653f014a4e1b954047fb7a6e9bb4375658afab6f2233caad844b56694f8a"),
        ("fa", false, "55c944fe1da86d862e03c079fd382e85deb079ef61cd4fb94181680ca62b0b9b"),
    ])
    func shippedVersionTwoNeverChanges(language: String, face: Bool, sha256: String) throws {
        let texts = try ConsentLibrary.load(version: "2", languages: [language], fingers: true, face: face, folders: [Self.shipped])
        #expect(texts.first?.sha256 == sha256)
    }

    @Test func versionTwoSaysWhoGetsTheRecordAndHowToUseTheRights() throws {
        let text = try ConsentLibrary.load(version: "2", languages: ["en"], fingers: true, face: true, folders: [Self.shipped])[0].text
        for phrase in ["compared with the fingers of people already registered", "Only your face is kept", "social services and courts",
                       "as long as the city's rules allow", "reference number", "to see it, to correct it or to delete it",
                       "You can say no", "read it to you"] {
            #expect(text.contains(phrase), "\(phrase)")
        }
    }

    @Test func theFaceIsNotMentionedWhenNotTaken() throws {
        let texts = try ConsentLibrary.load(version: "1", languages: ["en"], fingers: true, face: false, folders: [Self.shipped])
        #expect(!texts[0].text.contains("face"))
        let faceOnly = try ConsentLibrary.load(version: "1", languages: ["en"], fingers: false, face: true, folders: [Self.shipped])
        #expect(!faceOnly[0].text.contains("fingers") && faceOnly[0].text.contains("face"))
    }

    @Test func aCentreAddsAVersionOfItsOwn() throws {
        let folders = Folders()
        try folders.complete(folders.package, "1")
        try folders.complete(folders.centre, "centre-2026")
        let texts = try folders.load("centre-2026")
        #expect(texts.map(\.text) == ["en fingers\n\nen face\n\nen main centre-2026", "fa fingers\n\nfa face\n\nfa main centre-2026"])
        #expect(try folders.load("1").first?.text == "en fingers\n\nen face\n\nen main 1")
    }

    @Test func aVersionInBothFoldersIsRefused() throws {
        let folders = Folders()
        try folders.complete(folders.package, "1")
        try folders.complete(folders.centre, "1")
        let error = #expect(throws: ConsentTextError.self) { try folders.load("1") }
        #expect(error?.description.contains("exists in both") == true)
    }

    @Test func theSameFolderTwiceIsOneFolder() throws {
        let folders = Folders()
        try folders.complete(folders.package, "1")
        let texts = try ConsentLibrary.load(version: "1", languages: ["en"], fingers: true, face: true,
                                            folders: [folders.package, folders.package + "/../package/"])
        #expect(texts.count == 1)
    }

    @Test func aLanguageWithoutTextIsRefusedNamingIt() throws {
        let folders = Folders()
        try folders.complete(folders.package, "1", ["en"])
        let error = #expect(throws: ConsentTextError.self) { try folders.load("1") }
        #expect(error?.description.contains("language fa") == true)
        #expect(error?.description.contains("fa.txt") == true)
    }

    @Test func anUnknownVersionIsRefused() throws {
        let folders = Folders()
        try folders.complete(folders.package, "1")
        let error = #expect(throws: ConsentTextError.self) { try folders.load("2") }
        #expect(error?.description.contains("version 2 has no text") == true)
    }

    @Test func aMissingFaceParagraphMattersOnlyWhenTheFaceIsTaken() throws {
        let folders = Folders()
        try folders.write(folders.package, "1/en.txt", "main")
        try folders.write(folders.package, "1/en.fingers.txt", "fingers")
        let error = #expect(throws: ConsentTextError.self) { try folders.load("1", languages: ["en"]) }
        #expect(error?.description.contains("face paragraph") == true)
        #expect(try folders.load("1", languages: ["en"], face: false).first?.text == "fingers\n\nmain")
        #expect(throws: ConsentTextError.self) { try folders.load("1", languages: ["en"], fingers: false, face: true) }
        #expect(try folders.load("1", languages: ["en"], fingers: false, face: false).first?.text == "main")
    }

    @Test func noKioskLanguageNeedsNoText() throws {
        let folders = Folders()
        #expect(try folders.load("1", languages: []) == [])
    }

    /// Broken, truncated, oversized and hostile files: each refused with its reason.
    @Test(arguments: [
        ([0xFF, 0xFE, 0x41], "not valid UTF-8"),
        ([0x57, 0x65, 0xE2, 0x80], "not valid UTF-8"), // a character cut in half
        (Array("We take\u{0}nothing".utf8), "control character"),
        (Array("Line one\r\nline two".utf8), "control character"),
        (Array("Escape \u{1B}[31mred".utf8), "control character"),
        (Array(" \n\t\n ".utf8), "is empty"),
        ([], "is empty"),
        (Array(repeating: 0x61, count: ConsentLibrary.maximumPartBytes + 1), "larger than"),
    ] as [([UInt8], String)])
    func brokenFilesAreRefused(bytes: [UInt8], reason: String) throws {
        let folders = Folders()
        try folders.complete(folders.package, "1", ["en"])
        try folders.write(folders.package, "1/en.face.txt", bytes)
        let error = #expect(throws: ConsentTextError.self) { try folders.load("1", languages: ["en"]) }
        #expect(error?.description.contains(reason) == true, "\(String(describing: error))")
        #expect(error?.path.hasSuffix("/1/en.face.txt") == true)
    }

    @Test func aFileOfExactlyTheLimitIsRead() throws {
        let folders = Folders()
        try folders.complete(folders.package, "1", ["en"])
        try folders.write(folders.package, "1/en.txt", Array(repeating: 0x61, count: ConsentLibrary.maximumPartBytes))
        #expect(try folders.load("1", languages: ["en"]).first?.text.hasSuffix("aaaa") == true)
    }

    @Test func aFolderOrAPipeInPlaceOfAFileIsRefused() throws {
        let folders = Folders()
        try folders.complete(folders.package, "1", ["en"])
        try FileManager.default.removeItem(atPath: folders.package + "/1/en.txt")
        try FileManager.default.createDirectory(atPath: folders.package + "/1/en.txt", withIntermediateDirectories: true)
        #expect(throws: ConsentTextError.self) { try folders.load("1", languages: ["en"]) }
        try FileManager.default.removeItem(atPath: folders.package + "/1/en.txt")
        #expect(mkfifo(folders.package + "/1/en.txt", 0o600) == 0)
        let error = #expect(throws: ConsentTextError.self) { try folders.load("1", languages: ["en"]) }
        #expect(error?.description.contains("not a regular file") == true)
    }

    @Test func textsAreKeptAsWrittenInside() throws {
        let folders = Folders()
        try folders.complete(folders.package, "1", ["en"])
        try folders.write(folders.package, "1/en.txt", "\n\n  First.\n\n\tSecond, indented.  \n\n")
        #expect(try folders.load("1", languages: ["en"], fingers: false, face: false).first?.text == "First.\n\n\tSecond, indented.")
    }

    /// A version or language name is a path component: nothing may climb out of the folder.
    @Test(arguments: ["../1", "..", "1/../1", "/etc/passwd", ".hidden", "1\0", ""])
    func namesThatCouldLeaveTheFolderAreRefused(name: String) throws {
        let folders = Folders()
        try folders.complete(folders.package, "1")
        try folders.complete(folders.root.path, "escape")
        #expect(throws: ConsentTextError.self) { try folders.load(name) }
        #expect(throws: ConsentTextError.self) { try folders.load("1", languages: [name]) }
    }
}
