import Camera

extension DaemonConfiguration.Camera {
    /// The camera adapter's format policy from the configuration.
    var formatPolicy: FormatPolicy {
        FormatPolicy(
            minimum: FrameSize(width: minimumWidth, height: minimumHeight),
            preferred: FrameSize(width: preferredWidth, height: preferredHeight),
            framesPerSecond: framesPerSecond)
    }
}
