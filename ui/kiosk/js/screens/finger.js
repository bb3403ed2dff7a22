// One finger: where to put it, live feedback from the reader (finger needed / present,
// retry reasons), the quality of each attempt with its failing checks, and the respectful
// way out when the finger cannot be given.
import { api } from '../api.js';
import { button, h, mount } from '../dom.js';
import { t } from '../i18n.js';
import { exceptionDialog } from './exception.js';
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
    app.capturing = true;
    app.autoPaused = false;
    app.live.finger = 'needed';
    app.live.reader = null;
    app.live.retry = null;
    app.live.outcome = null;
    const result = await app.act(() => api.captureFinger(session.id, current));
    app.capturing = false;
    if (!result) {
      // A time-out or a failure: wait for a touch rather than start the reader again.
      app.autoPaused = true;
      app.update();
      return;
    }
    app.live.outcome = result.outcome;
    // The attempt line now counts the next try; the quality shown is this one's.
    app.live.attempt = null;
    if (result.quality) app.live.quality = { attempt: result.attempt, ...result.quality };
    if (result.outcome === 'retry') { app.live.finger = 'retry'; app.live.retry = result.retry_reason || 'general'; }
    else app.live.finger = null;
    app.setSession(result.session);
    if (result.outcome === 'accepted' && app.session && app.session.finger !== current) {
      app.notice = { kind: 'ok', text: `${name}: ${t('finger.accepted')}` };
      app.render();
    }
  };

  const status = h('div', { class: 'panel', role: 'status', 'aria-live': 'polite', id: 'finger-status' });
  const scan = button(t('finger.capture'), capture, { kind: 'button-primary button-huge', id: 'scan' });
  const cannot = button(t('finger.cannot'), () => app.openDialog(exceptionDialog({ kind: 'finger', finger: current })),
    { kind: 'button-quiet', id: 'finger-exception' });

  const list = h('ol', { class: 'finger-list', id: 'finger-list' }, (session.fingers || []).map((f) => h('li', {
    class: f.finger === current ? 'current' : '', 'aria-current': f.finger === current ? 'step' : null, dataset: { finger: f.finger, state: f.state },
  }, h('span', {}, fingerName(f.finger)), h('span', { class: `state-${f.state}` }, t(`finger.status.${f.state}`)))));

  const element = h('section', { class: 'columns', 'aria-labelledby': 'finger-title' },
    h('div', {},
      progress(app),
      h('h2', { id: 'finger-title' }, t('finger.title')),
      h('p', { class: 'lead', id: 'finger-prompt' }, t(app.station ? 'finger.place_station' : 'finger.place', { finger: name })),
      status,
      notice(app),
      h('div', { class: 'actions' }, scan, cannot)),
    h('div', { class: 'panel' }, h('h3', {}, t('finger.done_list')), list));

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
    else if (app.capturing || live.finger === 'needed') line = t('finger.needed');
    else if (live.outcome === 'rejected') { line = t('finger.rejected'); tone = 'bad'; }
    else line = t(app.station ? 'finger.place_station' : 'finger.place', { finger: name });
    const quality = live.quality;
    status.dataset.reader = live.reader || 'idle';
    status.dataset.outcome = live.outcome || '';
    mount(status,
      h('p', { class: `status-big ${tone}`, id: 'finger-live' }, line),
      h('p', { class: 'muted', id: 'finger-attempt' }, t('finger.attempt', { n: attempt, total: state.attempts_allowed })),
      quality ? qualityLine(quality, fingerThreshold(app.session)) : null,
      quality && !quality.acceptable ? checksList(quality.feedback) : null);
    scan.hidden = used || (app.station && app.capturing);
    scan.disabled = app.busy;
    scan.textContent = live.outcome || live.finger === 'retry' ? t('common.retry') : t('finger.capture');
    cannot.disabled = app.busy;

    // A self-service station starts the reader by itself: one touch fewer for the person.
    if (app.station && !used && !app.busy && !app.capturing && !app.autoPaused && !app.dialog) {
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
