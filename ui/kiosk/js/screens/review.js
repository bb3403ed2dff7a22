// Review before saving: everything the record will hold, in words, then the one button
// that builds, signs, seals and queues it.
import { api } from '../api.js';
import { button, h } from '../dom.js';
import { num, t } from '../i18n.js';
import { consentVersion, fieldLabel, fingerName, notice, progress } from './parts.js';

export function review(app) {
  const session = app.session;
  const saving = session.step === 'committing' || app.busy;

  const confirm = async () => {
    const next = await app.act(() => api.confirm(session.id));
    if (next) app.setSession(next);
  };
  // A typo noticed here: back to the details, every capture kept (staff and stations alike:
  // whoever typed the details expects to correct them before saving).
  const changeDetails = async () => {
    const next = await app.act(() => api.changeDetails(session.id));
    if (next) app.setSession(next);
  };

  const rows = [];
  const row = (label, ...value) => rows.push(h('dt', {}, label), h('dd', {}, ...value));
  row(t('review.consent'), t(session.consent_by_guardian ? 'review.consent_given_guardian' : 'review.consent_given',
    { version: consentVersion(session.consent_version) }));
  const details = session.subject ? Object.entries(session.subject) : [];
  if (details.length) {
    row(t('review.details'), h('ul', { class: 'checks', id: 'review-details' },
      details.map(([key, value]) => h('li', {}, `${fieldLabel(key)}: `, h('bdi', {}, value)))));
  }
  row(t('review.fingers'), h('ul', { class: 'checks', id: 'review-fingers' }, (session.fingers || []).map((f) => h('li', {
    dataset: { finger: f.finger, state: f.state },
  }, `${fingerName(f.finger)}: `, stateText(f, app)))));
  if (session.face) row(t('review.face'), stateText(session.face, app));
  // A station's unresolved candidates and a search that could not run read the same to the
  // person: the central office checks; nothing here says whether anyone was found.
  const decision = session.duplicate_decision;
  const later = decision === 'unresolved' || decision === 'not_checked';
  row(t('review.duplicates'), t(later ? 'review.duplicates_later'
    : decision ? 'review.duplicates_decided' : 'review.duplicates_none'));

  return h('section', { 'aria-labelledby': 'review-title' },
    progress(app),
    h('h2', { id: 'review-title' }, t('review.title')),
    h('dl', { class: 'summary panel', id: 'review' }, rows),
    commitFailed(app),
    notice(app),
    h('div', { class: 'actions' },
      button(saving ? t('review.saving') : t('review.confirm'), confirm, { kind: 'button-primary button-huge', id: 'confirm', disabled: saving }),
      (session.subject_fields || []).length
        ? button(t('review.change_details'), changeDetails, { kind: 'button-huge', id: 'change-details', disabled: saving }) : null));
}

// A station says "taken": the person is not graded. Staff see the score.
function stateText(item, app) {
  if (item.state === 'captured') {
    return item.quality === null || item.quality === undefined || app.station
      ? t('finger.status.captured') : t('review.taken', { score: num(item.quality) });
  }
  if (item.state === 'exception' && item.exception) {
    const reason = app.station && item.exception.reason === 'declined' ? 'declined_station' : item.exception.reason;
    return t('review.not_taken', { reason: t(`exception.reason.${reason}`) });
  }
  return t(`finger.status.${item.state}`);
}

// The last commit failed: said in the page's language. The daemon's `last_error` is its
// own English sentence for the journal (internal wording, sometimes a path): never shown.
// Nothing extra when the same words are already the screen's notice (the failed confirm).
function commitFailed(app) {
  if (!app.session.last_error) return null;
  const text = t('api_error.commit_failed');
  if (app.notice && app.notice.text === text) return null;
  return h('p', { class: 'error', role: 'alert', id: 'commit-failed' }, text);
}
