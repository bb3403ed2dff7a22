// The duplicate check: a wait while the daemon searches its gallery, then, if someone
// similar was found at a staffed kiosk, the supervisor's decision. The person being
// enrolled stands at this screen: nothing that identifies the other person is shown. An
// earlier record's id ends in that person's own reference (with it one can see or erase
// their record), so candidates are numbered instead, with the match strength in words; the
// ids stay in what the API records with the decision.
import { api } from '../api.js';
import { button, h } from '../dom.js';
import { t } from '../i18n.js';
import { notice, progress, supervisorFields } from './parts.js';

const POLL_MS = 3000;

export function duplicate(app) {
  const session = app.session;
  if (session.step === 'duplicate_check') return searching(app);

  const candidates = session.duplicate_candidates && session.duplicate_candidates.length
    ? session.duplicate_candidates : app.live.candidates;
  if (app.station) {
    return h('section', { 'aria-labelledby': 'duplicate-title' },
      progress(app),
      h('h2', { id: 'duplicate-title' }, t('duplicate.title')),
      h('p', { class: 'lead', role: 'status' }, t('duplicate.found_station')),
      notice(app));
  }
  const approval = supervisorFields(app);
  const decide = (decision) => async () => {
    const next = await app.act(() => api.duplicateDecision(session.id, decision, approval.value()));
    if (next) app.setSession(next);
  };
  return h('section', { 'aria-labelledby': 'duplicate-title', id: 'supervisor' },
    progress(app),
    h('h2', { id: 'duplicate-title' }, t('supervisor.title')),
    h('p', { class: 'lead', role: 'status' }, t('duplicate.found')),
    h('ul', { class: 'panel', id: 'candidates' }, (candidates || []).map((c, index) => h('li', { dataset: { strength: strength(c.score) } },
      t('duplicate.candidate', { n: index + 1 }), ' — ', t(`duplicate.strength.${strength(c.score)}`)))),
    approval.element,
    notice(app),
    h('div', { class: 'actions' },
      button(t('supervisor.not_duplicate'), decide('not_duplicate'), { kind: 'button-primary', id: 'not-duplicate', disabled: app.busy }),
      button(t('supervisor.same_person'), decide('same_person'), { kind: 'button-danger', id: 'same-person', disabled: app.busy })));
}

// The daemon's score is −log10 of the fused false match rate: 6 means one chance in a
// million that a different person matches this closely. Words staff can weigh, not a figure
// an onlooker could read as a verdict.
function strength(score) {
  if (score >= 12) return 'very_strong';
  if (score >= 6) return 'strong';
  return 'possible';
}

function searching(app) {
  const element = h('section', { 'aria-labelledby': 'duplicate-title' },
    progress(app),
    h('h2', { id: 'duplicate-title' }, t('duplicate.title')),
    h('p', { class: 'status-big wait', role: 'status', 'aria-live': 'polite' }, t('duplicate.searching')),
    notice(app));
  // The event stream says when the search ends; if it dropped, ask now and then.
  const id = app.session.id;
  const timer = setInterval(async () => {
    if (!element.isConnected || !app.session || app.session.id !== id || app.session.step !== 'duplicate_check') {
      clearInterval(timer);
      return;
    }
    if (app.connected !== false) return;
    try { app.setSession(await api.session(id)); } catch { /* the next tick tries again */ }
  }, POLL_MS);
  return element;
}
