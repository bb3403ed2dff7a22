// Short tones at a self-service station, for a person who does not read the screen: a
// click when the reader feels the finger, two rising notes when it is taken, one low note
// to try again. WebAudio only starts after a touch (browsers keep audio silent until the
// person interacts), so the first tap of the station opens it; staff pages stay silent.

const TONES = {
  present: [[880, 0.08]],
  accepted: [[660, 0.12], [990, 0.18]],
  again: [[330, 0.25]],
};

let context = null;
// What was played, newest last (kind names only), for the page's tests.
export const played = [];

// Opens the audio output on the first touch of a station page.
export function listenForFirstTouch(isStation) {
  const open = () => {
    if (!isStation() || context) return;
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    try { context = new Context(); } catch { context = null; }
  };
  document.addEventListener('pointerdown', open, { capture: true });
  document.addEventListener('keydown', open, { capture: true });
}

export function audioReady() { return context !== null; }

// Plays `kind` (present, accepted, again) if the station's audio is open; quiet otherwise.
export function tone(kind) {
  const notes = TONES[kind];
  if (!context || !notes) return;
  let at = context.currentTime;
  for (const [frequency, seconds] of notes) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    // A soft start and end: no click, not startling.
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.25, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + seconds);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(at);
    oscillator.stop(at + seconds + 0.02);
    at += seconds + 0.04;
  }
  played.push(kind);
  if (played.length > 20) played.shift();
}
