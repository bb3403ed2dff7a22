import ControlAPI
import Systemd

/// The API listeners' event loops are among the loops the watchdog must see alive.
extension ListenerProbe: LivenessProbe {}
