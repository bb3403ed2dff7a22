extension EnrollmentSession {
    /// How many more times this step's wait may be started again on request: nil when
    /// staffed (staff may always ask), else what `SessionPolicy.stationMoreTime` leaves.
    public var moreTimeLeft: Int? {
        if isStaffed { return nil }
        return max(0, policy.stationMoreTime - moreTimeUsed)
    }
}
