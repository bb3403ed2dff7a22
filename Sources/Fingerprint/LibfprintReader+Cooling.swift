import CFPrint
import EnrollCore
import EventLog
import Logging

/// The thermal cut-off. libfprint stops a reader it models as hot and says so through
/// `notify::temperature` once it has cooled; but a driver may also answer TOO_HOT on its
/// own (the sensor measured it) while libfprint's model never rose, and then the next
/// notify says "cold" at once (seen with virtual_device) or none comes at all. So a cooling
/// reader always rests `coolDown`, and then takes work once libfprint no longer holds it
/// hot: never straight back into the heat, never out of service for good.
extension LibfprintReader {
    /// The reader (or libfprint) said too hot: refuse work, rest, journal why.
    func startCooling() {
        guard health != .cooling, health != .removed else { return }
        logger.log(.readerTooHot, "\(identity.name) is too hot; it rests until it has cooled down",
                   metadata: ["device.driver": "\(identity.driver)"])
        setHealth(.cooling)
        armCoolingTimer()
    }

    /// libfprint's temperature changed.
    func temperatureChanged() {
        let hot = fp_device_get_temperature(device) == FP_TEMPERATURE_HOT
        if hot, health == .ready {
            startCooling()
        } else if !hot, health == .cooling, coolingTimer == nil {
            cooledDown(after: "libfprint reports it cool again")
        }
    }

    private func armCoolingTimer() {
        coolingTimer?.cancel()
        let rest = coolDown
        coolingTimer = Task { [weak self] in
            try? await Task.sleep(for: rest)
            guard !Task.isCancelled else { return }
            await self?.restEnded()
        }
    }

    /// The rest is over: back to work unless libfprint still holds the reader hot; then its
    /// own model cools it and its notify ends the cooling.
    private func restEnded() {
        coolingTimer = nil
        guard health == .cooling, fp_device_get_temperature(device) != FP_TEMPERATURE_HOT else { return }
        cooledDown(after: "it rested \(coolDown)")
    }

    private func cooledDown(after reason: String) {
        coolingTimer?.cancel()
        coolingTimer = nil
        logger.log(.readerCooledDown, "\(identity.name) has cooled down (\(reason)) and takes work again",
                   metadata: ["device.driver": "\(identity.driver)"])
        setHealth(.ready)
    }
}
