// One finger: where to put it, live feedback from the reader (finger needed / present,
// retry reasons), the quality of each attempt with its failing checks, and the respectful
// way out when the finger cannot be given.
import { api, ApiError } from '../api.js';
import { button, h, mount } from '../dom.js';
import { t } from '../i18n.js';
import { exceptionDialog } from './exception.js';
import { handPicture } from './hand.js';
import { tone } from '../tones.js';
import { checksList, fingerName, notice, progress, qualityLine } from './parts.js';

function fingerState(session) {
  return (session.fingers || []).find((f) => f.finger === session.finger) || { attempts: 0, attempts_allowed: 1 };
}

export function finger(app) {
  const session = app.session;
  const current = session.finger;
  const name = fingerName(current);
  const usedUp = () => app.session && fingerState(app.session).attempts >= fingerState(app.session).attempts_allowed;

  const capture = async () => {
    // The button disables itself while the reader works (or hides at a station): keyboard
    // focus goes to the status it will show, not to the page's body.
    if (document.activeElement === scan) status.focus({ preventScroll: true });
    app.capturing = true;
    app.autoPaused = false;
    app.live.finger = 'needed';
    app.live.reader = null;
    // The last retry's reason stays until this capture's result: a station starts the
    // reader again at once, and the person still needs to read what to change.
    app.live.outcome = null;
    const settled = app.act(async () => {
      try {
        return await api.captureFinger(session.id, current);
      } catch (error) {
        // Called off: the person declined this finger, or the session was cancelled or
        // left meanwhile. Neither is a failure to show.
        if (calledOff(error, app, session.id)) return CALLED_OFF;
        throw error;
      }
    });
    app.fingerCapture = settled;
    const result = await settled;
    if (app.fingerCapture === settled) app.fingerCapture = null;
    // The page has left this session (cancelled, ended, timed out): nothing to draw here.
    if (!app.session || app.session.id !== session.id) return;
    app.capturing = false;
    if (result === CALLED_OFF) {
      app.autoPaused = true;
      app.live.finger = null;
      app.live.reader = null;
      app.update();
      return;
    }
    if (!result) {
      // A time-out or a failure: wait for a touch rather than start the reader again.
      app.autoPaused = true;
      app.update();
      return;
    }
    // An accepted finger moves the session on. Its outcome belongs to the finger it was for
    // (the notice says it), not to the next one: the `step` event that moves the page may
    // arrive before or after this answer, and either way the next finger starts clean.
    const movedOn = result.session && (result.session.step !== 'finger' || result.session.finger !== current);
    // A retry was already heard with its event.
    if (app.station && result.outcome !== 'retry') tone(result.outcome === 'accepted' ? 'accepted' : 'again');
    if (!movedOn) {
      app.live.outcome = result.outcome;
      // The attempt line now counts the next try; the quality shown is this one's.
      app.live.attempt = null;
      if (result.quality) app.live.quality = { attempt: result.attempt, ...result.quality };
      if (result.outcome === 'retry') { app.live.finger = 'retry'; app.live.retry = result.retry_reason || 'general'; }
      else { app.live.finger = null; app.live.retry = null; }
    }
    app.setSession(result.session);
    // Heard, not shown: a success line drawn on the next step's screen would be stale there
    // (the list of fingers shows the state).
    if (result.outcome === 'accepted' && movedOn && app.session) app.announce(`${name}: ${t('finger.accepted')}`);
  };

  const status = h('div', { class: 'panel', role: 'status', 'aria-live': 'polite', id: 'finger-status', tabindex: '-1' });
  const scan = button(t('finger.capture'), capture, { kind: 'button-primary button-huge', id: 'scan' });
  // "I prefer not to" / "this finger cannot be given" works while the reader waits: the
  // wait is called off first, so the exception can be recorded at once.
  const cannot = button(t(app.station ? 'finger.cannot_station' : 'finger.cannot'), async () => {
    if (app.callingOff) return;
    app.callingOff = true;
    app.update();
    try {
      await callOffCapture(app, session.id);
    } catch (error) {
      app.callingOff = false;
      await app.handleError(error);
      return;
    }
    app.callingOff = false;
    if (app.session && app.session.id === session.id) app.openDialog(exceptionDialog({ kind: 'finger', finger: current }));
  }, { kind: 'button-quiet', id: 'finger-exception' });

  const list = h('ol', { class: 'finger-list', id: 'finger-list' }, (session.fingers || []).map((f) => h('li', {
    class: f.finger === current ? 'current' : '', 'aria-current': f.finger === current ? 'step' : null, dataset: { finger: f.finger, state: f.state },
  }, h('span', {}, fingerName(f.finger)), h('span', { class: `state-${f.state}` }, t(`finger.status.${f.state}`)))));

  const element = h('section', { class: 'columns', 'aria-labelledby': 'finger-title' },
    h('div', {},
      progress(app),
      h('h2', { id: 'finger-title' }, t('finger.title')),
      h('div', { class: 'finger-where' },
        handPicture(current),
        h('p', { class: 'lead', id: 'finger-prompt' }, t(app.station ? 'finger.place_station' : 'finger.place', { finger: name }))),
      status,
      notice(app),
      h('div', { class: 'actions' }, scan, cannot)),
    h('div', { class: 'panel' }, h('h3', {}, t('finger.done_list')), list));

  let lastStatus = null;
  element.update = () => {
    if (!app.session || app.session.step !== 'finger') return;
    const live = app.live;
    const state = fingerState(app.session);
    const used = usedUp();
    const attempt = Math.min(live.attempt || state.attempts + 1, state.attempts_allowed);
    let line;
    let tone = 'wait';
    if (used && !app.capturing) { line = t('finger.attempts_used'); tone = 'bad'; }
    else if (live.finger === 'present') line = t('finger.present');
    else if (live.finger === 'retry') { line = t(`retry.${live.retry || 'general'}`); tone = 'bad'; }
    // Waiting again after a retry: what to change, then that the reader waits.
    else if ((app.capturing || live.finger === 'needed') && live.retry) { line = `${t(`retry.${live.retry}`)} ${t('finger.needed')}`; tone = 'bad'; }
    else if (app.capturing || live.finger === 'needed') line = t('finger.needed');
    else if (live.outcome === 'rejected') { line = t('finger.rejected'); tone = 'bad'; }
    else line = t(app.station ? 'finger.place_station' : 'finger.place', { finger: name });
    const quality = live.quality;
    status.dataset.reader = live.reader || 'idle';
    status.dataset.outcome = live.outcome || '';
    // Redrawn only when the words change: the panel is a live region, and each redraw
    // would be read out again. A station shows no score: the person hears what to do,
    // not a grade (staff keep the figure and the threshold).
    const score = quality && !app.station ? quality.score : null;
    const signature = JSON.stringify([line, tone, attempt, state.attempts_allowed, score, quality && quality.acceptable,
      quality && !quality.acceptable ? quality.feedback : null]);
    if (signature !== lastStatus) {
      lastStatus = signature;
      mount(status,
        h('p', { class: `status-big ${tone}`, id: 'finger-live' }, line),
        h('p', { class: 'muted', id: 'finger-attempt' }, t('finger.attempt', { n: attempt, total: state.attempts_allowed })),
        quality && !app.station ? qualityLine(quality, fingerThreshold(app.session)) : null,
        quality && !quality.acceptable ? checksList(quality.feedback) : null);
    }
    scan.hidden = used || (app.station && app.capturing);
    scan.disabled = app.busy;
    scan.textContent = live.outcome || live.finger === 'retry' ? t('common.retry') : t('finger.capture');
    // A waiting capture keeps the page busy, yet the person may decline meanwhile.
    cannot.disabled = Boolean(app.callingOff) || (app.busy && !app.capturing);

    // A self-service station starts the reader by itself: one touch fewer for the person.
    if (app.station && !used && !app.busy && !app.capturing && !app.autoPaused && !app.dialog && !app.callingOff) {
      app.capturing = true;
      queueMicrotask(capture);
    }
  };
  element.update();
  return element;
}

// The score this finger's attempts must reach, as the session states it.
function fingerThreshold(session) {
  const state = (session.fingers || []).find((f) => f.finger === session.finger);
  return state ? state.quality_threshold : undefined;
}

const CALLED_OFF = Symbol('called off');

// 409 `cancelled` is the reader's wait called off; `finished` (or a 404) after the page has
// already left the session is the cancelled session's capture answering late.
function calledOff(error, app, sessionId) {
  if (!(error instanceof ApiError)) return false;
  if (error.code === 'cancelled') return true;
  const left = !app.session || app.session.id !== sessionId;
  return left && ['finished', 'not_found'].includes(error.code);
}

// Asks the daemon to stop this session's waiting capture and waits until that capture has
// answered. A call-off that reached the daemon before the capture did finds nothing to
// stop, so it is asked again while the capture still runs (a few times, a second apart).
async function callOffCapture(app, sessionId) {
  for (let tries = 0; tries < 5 && app.fingerCapture; tries += 1) {
    const pending = app.fingerCapture;
    await api.cancelFingerCapture(sessionId);
    await Promise.race([pending, new Promise((resolve) => { setTimeout(resolve, 1000); })]);
  }
}
