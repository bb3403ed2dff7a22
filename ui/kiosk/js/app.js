// The kiosk page: one state object in memory, one screen drawn from it at a time.
// Staffed (default) or self-service (`?mode=station`). Nothing is written to browser
// storage; when a session ends its details leave memory and the DOM.

import { api, ApiError, forgetCredentials } from './api.js';
import { has, loadCatalogs, setLanguage, language, t } from './i18n.js';
import { Live } from './live.js';
import { mount } from './dom.js';
import { screens } from './screens/index.js';
import { sessionScreen } from './screens/session.js';
import { watchAdmission } from './admission.js';
import { renderBanner } from './banner.js';
import { rememberOpener, restoreFocus, setBackgroundInert } from './focus.js';
import { listenForFirstTouch, tone } from './tones.js';

// A station's end screen goes back to the start by itself. After a commit it shows the
// person's reference, which they may want to copy down or photograph: 45 s, a visible count,
// and "I need more time" (30 s more, twice).
const STATION_RESET_SECONDS = { committed: 45, aborted: 12 };
const STATION_MORE_SECONDS = 30;
const STATION_MORE_TIMES = 2;

function freshLive() {
  return { finger: null, reader: null, attempt: null, retry: null, quality: null, preview: null, faceQuality: null, candidates: [] };
}

export const app = {
  mode: new URLSearchParams(location.search).get('mode') === 'station' ? 'station' : 'staffed',
  principal: null,
  session: null,
  screen: 'loading',
  live: freshLive(),
  ended: null,
  notice: null,
  busy: false,
  connected: null,
  deadlineAt: null,
  dialog: null,
  stream: null,
  current: null,
  resetTimer: null,
  capturing: false,
  autoPaused: false,
  fingerWaiting: false,
  // The finger capture in flight (a promise), and whether the person is declining it.
  fingerCapture: null,
  callingOff: false,
  // The station's last answer to "would a session start now?" (admission.js).
  admission: null,
  // The centre's contact line by language (`contact_text` of a session), for the end screen.
  contact: null,

  get station() { return this.mode === 'station'; },

  // Draws the whole screen for the current state.
  render() {
    document.body.classList.toggle('station', this.station);
    const title = document.getElementById('title');
    title.textContent = t(this.station ? 'app.station_title' : 'app.title');
    document.title = title.textContent;
    const lang = document.getElementById('lang');
    lang.textContent = t('lang.switch');
    lang.lang = language() === 'fa' ? 'en' : 'fa';
    lang.setAttribute('aria-label', t('lang.switch_label'));
    const abort = document.getElementById('abort');
    abort.hidden = !(this.session && !['committed', 'aborted', 'committing'].includes(this.session.step));
    abort.textContent = t('abort.button');

    const draw = this.screen === 'session' ? sessionScreen : screens[this.screen];
    const element = draw ? draw(this) : document.createTextNode(t('common.wait'));
    this.current = element;
    mount(document.getElementById('screen'), element);
    this.renderDialog();
    this.renderBanner();
  },

  // Live feedback only: the screen updates its own parts, keeping focus and typed input.
  update() {
    if (this.current && typeof this.current.update === 'function') this.current.update(this);
    else this.render();
  },

  go(screen) {
    this.screen = screen;
    this.notice = null;
    this.render();
    document.getElementById('screen').focus({ preventScroll: true });
  },

  say(text) { document.getElementById('live').textContent = text; },
  // What the last step achieved ("right index finger: recorded"), for a screen reader only:
  // drawn on the next step's screen it would read as that step's news.
  announce(text) { document.getElementById('announce').textContent = text; },

  showError(error) {
    this.notice = { kind: 'error', text: describe(error) };
    this.render();
  },

  // A dialog starts without the screen's last message; its own refusals show inside it.
  // While it is open the page behind it is inert; closing it gives focus back (focus.js).
  openDialog(draw) { rememberOpener(); this.notice = null; this.dialog = draw; this.render(); },
  closeDialog() {
    const wasOpen = Boolean(this.dialog);
    this.dialog = null;
    this.renderDialog();
    if (wasOpen) restoreFocus();
  },
  renderDialog() {
    const layer = document.getElementById('dialog');
    setBackgroundInert(Boolean(this.dialog));
    if (!this.dialog) { layer.hidden = true; layer.replaceChildren(); return; }
    mount(layer, this.dialog(this));
    layer.hidden = false;
    const first = layer.querySelector('button, input, textarea, select');
    if (first) first.focus();
  },

  // The countdown; staff may ask for more time, a station's person a bounded number of
  // times per step (the daemon counts), so a station left alone still resets (banner.js).
  renderBanner() { renderBanner(this); },

  // The step's wait starts again: staff at any time, a station while the session's
  // `more_time_left` says the daemon still allows it (it refuses beyond that).
  async moreTime() {
    if (!this.session) return;
    const id = this.session.id;
    try {
      const session = await api.moreTime(id);
      if (this.session && this.session.id === id) this.setSession(session);
    } catch (error) {
      await this.handleError(error);
    }
  },

  secondsLeft() {
    if (this.deadlineAt === null) return null;
    return Math.max(0, Math.ceil((this.deadlineAt - Date.now()) / 1000));
  },

  // A Session from the API (an answer or a `step` event).
  setSession(session) {
    if (!session) return;
    if (session.contact_text) this.contact = session.contact_text;
    if (session.step === 'committed' || session.step === 'aborted') {
      this.finish(session.step === 'committed'
        ? { kind: 'committed', recordId: session.record_id }
        : { kind: 'aborted', reason: session.abort_reason || 'cancelled' });
      return;
    }
    const previous = this.session;
    // Events carry no subject details (docs/sessions.md); keep the ones an answer gave.
    if (!session.subject && previous && previous.id === session.id && previous.subject) {
      session = { ...session, subject: previous.subject };
    }
    const moved = !previous || previous.step !== session.step || previous.finger !== session.finger || this.screen !== 'session';
    this.session = session;
    this.deadlineAt = typeof session.deadline_seconds === 'number' ? Date.now() + session.deadline_seconds * 1000 : null;
    if (!this.stream || this.stream.sessionId !== session.id) this.listen(session.id);
    if (moved) {
      this.announce('');
      this.live = { ...freshLive(), candidates: session.duplicate_candidates || [] };
      // A reader paused for the last finger (declined, timed out) starts again for the next.
      this.autoPaused = false;
      this.screen = 'session';
      this.notice = null;
      this.render();
      document.getElementById('screen').focus({ preventScroll: true });
    } else {
      this.update();
    }
  },

  // The session is over: keep only what the end screen shows, wipe the rest.
  finish(ended) {
    if (this.stream) { this.stream.close(); this.stream = null; }
    this.session = null;
    this.live = freshLive();
    this.deadlineAt = null;
    this.dialog = null;
    this.ended = ended;
    this.busy = false;
    this.capturing = false;
    this.autoPaused = false;
    this.callingOff = false;
    this.say('');
    this.go('ended');
    if (this.station) {
      this.endedMoreLeft = ended.kind === 'committed' ? STATION_MORE_TIMES : 0;
      this.scheduleStationReset(STATION_RESET_SECONDS[ended.kind]);
    }
  },

  scheduleStationReset(seconds) {
    clearTimeout(this.resetTimer);
    clearInterval(this.endedTick);
    this.endedResetAt = Date.now() + seconds * 1000;
    this.resetTimer = setTimeout(() => this.restartStation(), seconds * 1000);
    this.endedTick = setInterval(() => this.renderEndedCountdown(), 1000);
    this.renderEndedCountdown();
  },

  endedSecondsLeft() {
    return Math.max(0, Math.ceil(((this.endedResetAt || 0) - Date.now()) / 1000));
  },

  // The count on screen only: not a live region, so a screen reader is not interrupted
  // every second (it reads the count with the rest of the screen).
  renderEndedCountdown() {
    const count = document.getElementById('ended-countdown');
    if (count) count.textContent = t('station.ended_closes', { seconds: this.endedSecondsLeft() });
    const more = document.getElementById('ended-more');
    if (more && !more.hidden && !(this.endedMoreLeft > 0)) {
      // The button used up goes away; focus is not left on nothing.
      const hadFocus = document.activeElement === more;
      more.hidden = true;
      if (hadFocus) document.getElementById('next')?.focus();
    }
  },

  moreEndedTime() {
    if (!(this.endedMoreLeft > 0)) return;
    this.endedMoreLeft -= 1;
    this.scheduleStationReset(this.endedSecondsLeft() + STATION_MORE_SECONDS);
  },

  // Self-service: back to the welcome screen, in Persian, with nothing of the last person.
  restartStation() {
    clearTimeout(this.resetTimer);
    clearInterval(this.endedTick);
    this.ended = null;
    setLanguage('fa');
    this.go(this.principal ? 'station_welcome' : 'station_setup');
  },

  leaveEnded() {
    this.ended = null;
    if (this.station) this.restartStation();
    else this.go(this.principal ? 'home' : 'login');
  },

  listen(sessionId) {
    if (this.stream) this.stream.close();
    this.stream = new Live(api.eventsURL(sessionId), (type, data) => this.onEvent(type, data), (up) => {
      this.connected = up;
      this.renderBanner();
    });
    this.stream.sessionId = sessionId;
  },

  onEvent(type, data) {
    const live = this.live;
    switch (type) {
      // An event already on its way when the page left the session (ended, cancelled) is
      // not a reason to show that session again.
      case 'step': if (this.session && data.session && this.session.id === data.session.id) this.setSession(data.session); return;
      // `reader` is what the reader itself last said (the screen's data-reader, for tests too).
      // A retry's reason is kept while the reader waits again (finger.js clears it at the next result).
      case 'finger_needed': live.finger = 'needed'; live.reader = 'needed'; live.attempt = data.attempt; break;
      case 'finger_present': live.finger = 'present'; live.reader = 'present'; if (this.station) tone('present'); break;
      case 'retry': live.finger = 'retry'; live.reader = 'retry'; live.retry = data.reason; if (this.station) tone('again'); break;
      case 'finger_quality': live.quality = { attempt: data.attempt, ...data.quality }; live.retry = null; break;
      case 'face_feedback': live.preview = data.preview_jpeg; live.faceQuality = data.quality; break;
      case 'face_quality': live.quality = { attempt: data.attempt, ...data.quality }; break;
      case 'duplicate_candidates': live.candidates = data.candidates || []; break;
      case 'device_health': this.deviceChanged(data.device); return;
      case 'committed': this.finish({ kind: 'committed', recordId: data.record_id }); return;
      case 'aborted': this.finish({ kind: 'aborted', reason: data.reason }); return;
      // The code in the page's language; the daemon's English sentence is for the journal.
      case 'error': this.notice = { kind: 'error', text: has(`api_error.${data.error}`) ? t(`api_error.${data.error}`) : t('error.generic') }; this.render(); return;
      default: return;
    }
    this.update();
  },

  // A reader or camera came, went, failed or recovered while the session is open: say so
  // in plain words, so the person is not left waiting on a device that cannot answer.
  deviceChanged(device) {
    this.live.device = device;
    if (!device || !device.kind || !device.health) return;
    const what = t(`device.${device.kind}`);
    const ok = device.health === 'ready' || device.health === 'busy';
    this.notice = ok
      ? { kind: 'ok', text: t('device.back', { device: what }) }
      // Staff are told what to check; the person at a station, whom to ask.
      : { kind: 'error', text: t(this.station ? 'device.problem' : 'device.problem_staff', { device: what, health: t(`device.health.${device.health}`) }) };
    this.render();
  },

  // Runs an API call with the screen marked busy; a refused or failed call is shown.
  async act(call) {
    if (this.busy) return undefined;
    this.busy = true;
    this.notice = null;
    this.update();
    try {
      return await call();
    } catch (error) {
      await this.handleError(error);
      return undefined;
    } finally {
      this.busy = false;
      if (this.screen !== 'ended') this.update();
    }
  },

  async handleError(error) {
    if (error instanceof ApiError && error.status === 401) {
      // The login expired: nothing of the session stays on screen.
      forgetCredentials();
      this.principal = null;
      if (this.stream) { this.stream.close(); this.stream = null; }
      this.session = null;
      this.go(this.station ? 'station_setup' : 'login');
      this.showError(error);
      return;
    }
    if (error instanceof ApiError && this.session && ['finished', 'not_found'].includes(error.code)) {
      try { this.setSession(await api.session(this.session.id)); return; } catch { /* shown below */ }
    }
    this.showError(error);
  },

  // Not through act(): a capture waiting for a finger keeps the page busy for up to the
  // reader's time-out, and leaving must work at once. The waiting capture then answers
  // 409, which finger.js ignores for a session the page has left.
  async cancelSession() {
    if (!this.session) return;
    const id = this.session.id;
    this.closeDialog();
    try {
      const session = await api.cancel(id);
      if (this.session && this.session.id === id) this.setSession(session);
    } catch (error) {
      await this.handleError(error);
    }
  },

  async signOut() {
    await this.act(() => api.logout());
    this.principal = null;
    this.go(this.station ? 'station_setup' : 'login');
  },

  // Starts an enrollment; when this station's own session is still open (a reload) the
  // daemon answers 409 session_active with its id, and that session is taken up again.
  async startSession() {
    const session = await this.act(async () => {
      try {
        return await api.createSession();
      } catch (error) {
        if (error instanceof ApiError && error.code === 'session_active' && error.sessionId) return api.session(error.sessionId);
        throw error;
      }
    });
    if (session) this.setSession(session);
  },

  // After a login. A session this station left open (a reload) is taken up again when
  // the next start answers 409 session_active: asking up front would cost a 404 each time.
  async afterLogin(principal) {
    this.principal = principal;
    this.go(this.station ? 'station_welcome' : 'home');
  },
};

// Every code the API answers has words in both catalogs (`api_error.<code>`, a test
// collects the codes from the daemon's sources); the daemon's English sentence is never
// shown on the page. A few codes read differently where they happen (login, a session).
export function describe(error) {
  if (!(error instanceof ApiError)) return t('error.generic');
  if (error.status === 0) return t('error.network');
  const key = {
    login_failed: 'login.failed', locked_out: 'login.locked', forbidden: 'error.forbidden', csrf: 'error.forbidden',
    wrong_step: 'error.refused', finished: 'error.session_gone', not_found: app.session ? 'error.session_gone' : 'error.not_available',
    timed_out: 'finger.needed_timeout', no_device: app.station ? 'error.no_device' : 'error.no_device_staff', session_active: 'error.session_active',
    not_configured: app.principal ? 'error.not_available' : 'login.finger_none', retry: 'login.finger_retry', busy: 'error.busy',
    cancelled: 'login.finger_cancelled',
  }[error.code];
  if (key === 'login.locked') return t(key, { seconds: error.retryAfter || 30 });
  if (key) return t(key);
  if (has(`api_error.${error.code}`)) return t(`api_error.${error.code}`);
  return t('error.generic');
}

let asking = false;
function tick() {
  if (!app.session) return;
  app.renderBanner();
  // The step's time is up: the daemon has ended the session (and wiped it). If the event
  // stream missed that, ask, so an abandoned station still goes back to its start screen.
  if (app.secondsLeft() === 0 && !asking && !app.busy) {
    asking = true;
    api.session(app.session.id).then((s) => app.setSession(s), deadlineCheckFailed).finally(() => { asking = false; });
  }
}

// The deadline check could not read the session. 401: the login is gone, so this mode's
// sign-in screen. 404: the daemon no longer knows the session (it restarted), so the start
// screen with nothing of the person left. Anything else (the daemon is restarting, the
// network): the next tick asks again.
function deadlineCheckFailed(error) {
  if (!(error instanceof ApiError) || !app.session) return;
  if (error.status === 401) { app.handleError(error); return; }
  if (error.status !== 404) return;
  if (app.stream) { app.stream.close(); app.stream = null; }
  app.session = null;
  app.live = freshLive();
  app.deadlineAt = null;
  app.dialog = null;
  app.ended = null;
  app.capturing = false;
  app.autoPaused = false;
  app.say('');
  if (app.station) app.restartStation();
  else app.go(app.principal ? 'home' : 'login');
}

async function start() {
  try {
    await loadCatalogs();
  } catch {
    document.getElementById('screen').textContent = 'The kiosk could not load its texts. / متن‌های کیوسک بارگیری نشد.';
    return;
  }
  setLanguage('fa');
  document.getElementById('lang').addEventListener('click', () => {
    setLanguage(language() === 'fa' ? 'en' : 'fa');
    app.render();
  });
  document.getElementById('abort').addEventListener('click', () => app.openDialog(screens.abortDialog));
  document.getElementById('more-time').addEventListener('click', () => app.moreTime());
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && app.dialog) app.closeDialog();
  });
  setInterval(tick, 1000);
  watchAdmission(app);
  listenForFirstTouch(() => app.station);
  // A reload keeps a login that has not expired (its HttpOnly cookie); anything else starts
  // at the sign-in screen. A station page resumes only a station login, a staff page only
  // a staff one.
  let principal = null;
  try { principal = await api.resume(); } catch { principal = null; }
  if (principal && (principal.role === 'station') === app.station) await app.afterLogin(principal);
  else app.go(app.station ? 'station_setup' : 'login');
}

start();
