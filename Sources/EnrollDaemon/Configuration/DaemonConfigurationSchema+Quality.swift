import FaceAnalysis
import Yams

extension DaemonConfigurationSchema {
    /// The `quality` section: finger and face thresholds and the landmark model's path.
    static func readQuality(_ root: ConfigurationSection, reader: ConfigurationReader, base: String, into configuration: inout DaemonConfiguration) {
        let section = reader.section(in: root, "quality")
        var quality = configuration.quality
        quality.fingerMinimumScore = section.integer("finger_minimum_score", default: quality.fingerMinimumScore, range: 0...100)
        quality.fingerModel = section.path("finger_model", default: quality.fingerModel, base: base)
        quality.face.minimumScore = section.integer("face_minimum_score", default: quality.face.minimumScore, range: 0...100)
        quality.faceChecks = section.boolean("face_checks", default: quality.faceChecks)
        quality.faceLandmarkModel = section.path("face_landmark_model", default: quality.faceLandmarkModel, base: base)
        quality.face.detectionWidth = section.integer("face_detection_width", default: quality.face.detectionWidth, range: 0...8192)
        quality.face.minimumEyeDistance = section.decimal("face_minimum_eye_distance", default: quality.face.minimumEyeDistance, range: 10...2000)
        quality.face.maximumYaw = section.decimal("face_maximum_yaw", default: quality.face.maximumYaw, range: 0...90)
        quality.face.maximumPitch = section.decimal("face_maximum_pitch", default: quality.face.maximumPitch, range: 0...90)
        quality.face.maximumRoll = section.decimal("face_maximum_roll", default: quality.face.maximumRoll, range: 0...90)
        quality.face.minimumEyeOpening = section.decimal("face_minimum_eye_opening", default: quality.face.minimumEyeOpening, range: 0...1)
        quality.face.maximumMouthOpening = section.decimal("face_maximum_mouth_opening", default: quality.face.maximumMouthOpening, range: 0...1)
        quality.face.minimumBrightness = section.decimal("face_minimum_brightness", default: quality.face.minimumBrightness, range: 0...255)
        quality.face.maximumBrightness = section.decimal("face_maximum_brightness", default: quality.face.maximumBrightness, range: 0...255)
        quality.face.minimumDynamicRange = section.decimal("face_minimum_dynamic_range", default: quality.face.minimumDynamicRange, range: 0...255)
        quality.face.maximumClipped = section.decimal("face_maximum_clipped", default: quality.face.maximumClipped, range: 0...1)
        quality.face.minimumSharpness = section.decimal("face_minimum_sharpness", default: quality.face.minimumSharpness, range: 0...10)
        quality.face.minimumIlluminationBalance = section.decimal("face_minimum_illumination_balance", default: quality.face.minimumIlluminationBalance, range: 0...1)
        quality.face.maximumBackgroundDeviation = section.decimal("face_maximum_background_deviation", default: quality.face.maximumBackgroundDeviation, range: 0...255)
        quality.face.maximumCentreOffset = section.decimal("face_maximum_centre_offset", default: quality.face.maximumCentreOffset, range: 0...0.5)
        quality.face.maximumBlockiness = section.decimal("face_maximum_blockiness", default: quality.face.maximumBlockiness, range: 1...100)
        quality.face.minimumFaceShare = section.decimal("face_minimum_face_share", default: quality.face.minimumFaceShare, range: 0...1)
        quality.face.minimumEyeHeight = section.decimal("face_minimum_eye_height", default: quality.face.minimumEyeHeight, range: 0...1)
        quality.face.maximumEyeHeight = section.decimal("face_maximum_eye_height", default: quality.face.maximumEyeHeight, range: 0...1)
        section.finish()
        configuration.quality = quality
    }
}
