extension DaemonConfiguration {
    /// What face capture asks of a camera (the `camera` section).
    public struct Camera: Sendable, Equatable {
        /// Smaller frames are refused: an ICAO face crop needs about 640x480.
        public var minimumWidth = 640
        /// Smallest accepted height.
        public var minimumHeight = 480
        /// The size to aim for.
        public var preferredWidth = 1280
        /// Height to aim for.
        public var preferredHeight = 720
        /// The rate to ask for.
        public var framesPerSecond = 15
    }
}
