/// The languages a subject-access copy is written in: those of the kiosks and their
/// consent texts.
public enum SubjectAccessLanguage: String, CaseIterable, Sendable {
    case en
    case fa

    /// Persian is read right to left: its text marks every line so.
    public var rightToLeft: Bool { self == .fa }
}
