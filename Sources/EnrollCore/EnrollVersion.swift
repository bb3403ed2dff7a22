/// The version enrolld reports in `/v1/status`, `--version` and the journal.
public enum EnrollVersion {
    /// Semantic version of this build.
    public static let current = "0.1.0"
}
