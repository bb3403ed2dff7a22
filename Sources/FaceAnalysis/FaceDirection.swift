/// Which way the person should move to bring their face to the middle of the picture, in
/// the person's own left and right, never the camera's or the screen's.
///
/// Why the frame's left half means "move to your left":
/// - The frame is what the camera sees, unmirrored: V4L2 delivers it so and the daemon
///   analyses and streams it unchanged (`FacePreview`). A camera facing the person sees
///   them as anyone facing them would: the person's own right side is on the frame's left.
/// - So a face in the frame's left half (centre x < width / 2) sits to the person's own
///   right of the camera's axis; to reach the middle they move to their own left.
/// - The kiosk page shows the preview mirrored (`transform: scaleX(-1)` in kiosk.css), so
///   that same face appears in the right half of the screen. Facing the screen, the person
///   sees themselves off to their right and moves to their left, as in a mirror: moving to
///   your own left moves your mirror image to your left. Both pictures ask the same move,
///   which is why the words name the person's side: they hold whichever picture is shown.
/// - Staff beside the kiosk read the same words as "the person's own left".
///
/// Up and down are not here: a face too high or too low is the camera's height for this
/// person (`camera_too_high`, `camera_too_low`), not a step to take.
public enum FaceDirection: String, Sendable, CaseIterable {
    /// Move to your own left: the face is in the camera frame's left half.
    case left = "move_left"
    /// Move to your own right: the face is in the camera frame's right half.
    case right = "move_right"

    /// The way toward the middle for a face whose centre is at `x` in an unmirrored camera
    /// frame `width` pixels wide.
    public init(towardMiddleFrom x: Double, width: Int) {
        self = x < Double(width) / 2 ? .left : .right
    }

    /// The feedback code the session and the kiosk page receive.
    public var code: String { rawValue }

    /// For staff and `enrollctl quality face`.
    var words: String { self == .left ? "the person should move to their own left" : "the person should move to their own right" }
}
