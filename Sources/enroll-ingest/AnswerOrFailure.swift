import ArgumentParser
import Foundation

/// `find` and `export` keep exit status 1 for their answer ("not held here"), so a failure
/// to answer at all (storage unreachable, a file unreadable) exits 3, its message on
/// standard error as ArgumentParser would print it.
enum AnswerOrFailure {
    static let failed: Int32 = 3

    static func run(_ work: () async throws -> Void) async throws {
        do { try await work() } catch let exit as ExitCode { throw exit } catch {
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            throw ExitCode(failed)
        }
    }
}
