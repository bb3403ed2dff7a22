// The devices an enrollment may need, and which of them cannot serve one now, by the
// daemon's own test (DevicePresence): a reader that is ready, busy or cooling down takes
// the next capture; a camera that is ready or busy gives a picture. Staff are told which
// device to look at, not only that "a device" is missing.
import { language, t } from './i18n.js';

export const DEVICE_KINDS = ['fingerprint_reader', 'camera'];

const USABLE = { fingerprint_reader: ['ready', 'busy', 'cooling'], camera: ['ready', 'busy'] };

// The kinds with no usable device in the daemon's list (`GET /v1/devices`).
export function unusableKinds(devices) {
  return DEVICE_KINDS.filter((kind) => !devices.some((device) => device.kind === kind && USABLE[kind].includes(device.health)));
}

// "Fingerprint reader and camera", in the page's language.
export function deviceNames(kinds) {
  return new Intl.ListFormat(language(), { type: 'conjunction' }).format(kinds.map((kind) => t(`device.${kind}`)));
}
