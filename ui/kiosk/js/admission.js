// A self-service station asks every few seconds whether a session would start (the record
// store takes records, the reader the policy needs is there), so its welcome screen never
// invites a person in when it cannot enroll them; it says "out of service" and goes back
// to "Start" by itself when the daemon recovers.
import { api, ApiError } from './api.js';
import { unusableKinds } from './devices.js';

const EVERY_SECONDS = 4;

// The admission as the welcome screen uses it: {accepting, error?, message?, missing?};
// `missing` names the kinds of device that cannot serve (for staff: which one to look at).
async function ask() {
  try {
    const answer = await api.admission();
    if (answer.error === 'no_device') {
      try { answer.missing = unusableKinds((await api.devices()).devices); } catch { answer.missing = []; }
    }
    return answer;
  } catch (error) {
    if (!(error instanceof ApiError)) return { accepting: false, error: 'generic' };
    // A daemon that cannot be reached cannot enroll anyone either.
    if (error.status === 0) return { accepting: false, error: 'network' };
    // A login that ended, or no answer to the question: the rest of the page handles it.
    return null;
  }
}

export async function checkAdmission(app) {
  if (!app.station || !app.principal || app.screen !== 'station_welcome') return;
  const answer = await ask();
  if (app.screen !== 'station_welcome') return;
  const before = app.admission;
  app.admission = answer;
  if (answer && answer.contact_text) app.contact = answer.contact_text;
  const changed = (before && before.accepting) !== (answer && answer.accepting)
    || (before && before.error) !== (answer && answer.error)
    || String(before && before.missing) !== String(answer && answer.missing);
  // Redrawn only on a change: a person reading the screen is not disturbed by each answer.
  if (changed && !app.dialog && !app.busy) app.render();
}

export function watchAdmission(app) {
  setInterval(() => { checkAdmission(app); }, EVERY_SECONDS * 1000);
}
