import ArgumentParser
import ControlClient
import Foundation

/// `enrollctl operators …`: the kiosk's staff accounts. Socket only (technicians).
struct OperatorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operators",
        abstract: "List, add, remove kiosk staff accounts, or enroll an operator's finger for login.",
        subcommands: [List.self, Add.self, Remove.self, EnrollFinger.self, Unlock.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts: id, role, active, whether a finger is enrolled.")
        @OptionGroup var connection: ConnectionOptions
        @Flag(name: .long, help: "Print the daemon's JSON answer as it is.") var json = false

        func run() throws {
            let body = try APIRequest.get("/v1/operators", socket: connection.socketPath)
            if json {
                FileHandle.standardOutput.write(Data(body + [10]))
                return
            }
            let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
            let operators = object?["operators"] as? [[String: Any]] ?? []
            if operators.isEmpty { print("No operator accounts yet; add one with `enrollctl operators add ID --role operator`.") }
            for entry in operators {
                let id = entry["operator_id"] as? String ?? "?"
                let role = entry["role"] as? String ?? "?"
                let active = entry["active"] as? Bool == true ? "active " : "removed"
                var finger = entry["has_finger"] as? Bool == true ? "finger enrolled" : ""
                if let seconds = entry["locked_seconds"] as? Int {
                    finger += (finger.isEmpty ? "" : ", ") + "LOCKED for \(StatusText.duration(Double(seconds))) (`enrollctl operators unlock \(id)`)"
                }
                print("\(id.padding(toLength: max(id.count, 24), withPad: " ", startingAt: 0))  \(role.padding(toLength: 11, withPad: " ", startingAt: 0))  \(active)  \(finger)")
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an account, or change its role or PIN (asks for the PIN twice).")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The operator's id (letters, digits, '.', '_', '-'); never a person's name if avoidable.") var id: String
        @Option(name: .long, help: "operator, supervisor or technician.") var role: String = "operator"
        @Flag(name: .long, help: "Read the PIN from the first line of standard input (scripts, tests).") var pinStdin = false

        func run() throws {
            let pin = try pinStdin ? (readLine(strippingNewline: true) ?? "") : Self.askTwice()
            let body = try JSONSerialization.data(withJSONObject: ["operator_id": id, "role": role, "pin": pin])
            _ = try OperatorsCommand.send("POST", "/v1/operators", body: Array(body), socket: connection.socketPath)
            print("Saved \(id) as \(role).")
        }

        static func askTwice() throws -> String {
            // getpass falls back to standard input without a terminal, where a piped PIN
            // would then be read as both answers' first half and "differ".
            let terminal = open("/dev/tty", O_RDWR)
            guard terminal >= 0 else { throw CommandFailure("No terminal to ask for the PIN on: give it on standard input with --pin-stdin.") }
            close(terminal)
            guard let first = getpass("PIN: ").map({ String(cString: $0) }), let second = getpass("PIN again: ").map({ String(cString: $0) }) else {
                throw CommandFailure("No PIN was entered.")
            }
            guard first == second else { throw CommandFailure("The two PINs differ; nothing was changed.") }
            return first
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Deactivate an account (its id stays in the audit log).")
        @OptionGroup var connection: ConnectionOptions
        @Argument var id: String

        func run() throws {
            _ = try OperatorsCommand.send("DELETE", "/v1/operators/\(id)", body: [], socket: connection.socketPath)
            print("Removed \(id).")
        }
    }

    struct EnrollFinger: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "enroll-finger",
            abstract: "Enroll the operator's finger on the first reader, for fingerprint login.",
            discussion: "The operator touches the reader several times (as many as its driver asks), lifting the finger in between. Enrolling the same finger again replaces it.")
        @OptionGroup var connection: ConnectionOptions
        @Argument var id: String
        @Option(name: .long, help: "Which finger: right_thumb, right_index … left_little.") var finger: String = "right_index"

        func run() throws {
            let body = try JSONSerialization.data(withJSONObject: ["finger": finger])
            print("Place \(id)'s \(finger.replacingOccurrences(of: "_", with: " ")) finger on the reader, lift it, and again until this says it is done…")
            _ = try OperatorsCommand.send("POST", "/v1/operators/\(id)/finger", body: Array(body), socket: connection.socketPath, timeoutSeconds: 300)
            print("Enrolled \(id)'s \(finger.replacingOccurrences(of: "_", with: " ")) finger; \(id) can now log in with it.")
        }
    }

    struct Unlock: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lift an operator id's lock-out after failed logins (audited).",
            discussion: "Locks grow with each failure up to an hour; someone guessing at every expiry can keep an operator out. This forgets the id's failures.")
        @OptionGroup var connection: ConnectionOptions
        @Argument var id: String

        func run() throws {
            _ = try OperatorsCommand.send("POST", "/v1/operators/\(id)/unlock", body: [], socket: connection.socketPath)
            print("Unlocked \(id): its failed logins are forgotten.")
        }
    }

    /// A request whose 2xx answer is enough; otherwise the daemon's message.
    static func send(_ method: String, _ path: String, body: [UInt8], socket: String, timeoutSeconds: Int = 30) throws -> [UInt8] {
        let response: HTTPResponse
        do {
            response = try UnixSocketClient(socketPath: socket, timeoutSeconds: timeoutSeconds)
                .request(method: method, path: path, body: body, contentType: body.isEmpty ? nil : "application/json")
        } catch {
            throw CommandFailure(error.description)
        }
        guard (200..<300).contains(response.status) else {
            let message = (try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])?["message"] as? String
            throw CommandFailure("enrolld answered \(response.status) \(response.reason): \(message ?? String(decoding: response.body, as: UTF8.self))")
        }
        return response.body
    }
}
