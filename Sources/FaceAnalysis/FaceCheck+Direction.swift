extension FaceCheck {
    /// This check, telling `direction` as its feedback code when it failed; a passed check
    /// keeps its name (it asks nothing of the person).
    func failing(as direction: FaceDirection?) -> FaceCheck {
        guard !passed, let direction else { return self }
        var check = self
        check.failureCode = direction.code
        return check
    }
}
