// The step's countdown banner. The count on screen changes every second, but a screen
// reader hears it only at a few moments (20, 10 and 5 seconds left): a region rewritten
// every second would interrupt the person twenty times. Staff get "More time"; a station
// gets "I am still here" while the daemon still allows it more time for this step.
import { t } from './i18n.js';

export const DEADLINE_WARNING_SECONDS = 20;
const ANNOUNCE_AT = [20, 10, 5];

// What was last said aloud, so each moment is said once per warning.
let announced = null;

export function renderBanner(app) {
  const banner = document.getElementById('banner');
  const text = document.getElementById('banner-text');
  const say = document.getElementById('banner-say');
  const more = document.getElementById('more-time');
  const left = app.secondsLeft();
  const session = app.session;
  let words = '';
  let button = null;
  let mark = null;
  if (session && left !== null && left <= DEADLINE_WARNING_SECONDS && !['committed', 'aborted', 'committing'].includes(session.step)) {
    const stillHere = app.station && left > 0 && (session.more_time_left || 0) > 0;
    words = t(!app.station ? 'session.timeout_soon' : stillHere ? 'station.still_here_soon' : 'station.reset_soon', { seconds: left });
    if (left > 0) button = app.station ? (stillHere ? 'station.still_here' : null) : 'session.more_time';
    mark = ANNOUNCE_AT.filter((at) => left <= at).pop();
  } else if (app.connected === false && session) {
    words = t('live.disconnected');
    mark = 'disconnected';
  }
  setText(text, words);
  banner.hidden = !words;
  more.hidden = !button;
  if (button) setText(more, t(button));
  // A new moment (or a new warning after more time): say it once, with the count of now.
  if (!words) announced = null;
  else if (mark !== undefined && mark !== null && mark !== announced) {
    announced = mark;
    say.textContent = words;
  }
  if (!words) setText(say, '');
}

// Only a real change touches the DOM: the banner is a live region, and replacing a text
// with the same text is a change a screen reader may read out again.
function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}
