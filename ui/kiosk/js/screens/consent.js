// Consent: the versioned text, and a yes or a no. No means nothing is kept. At a staffed
// kiosk a parent or guardian may answer for a child; a station sends children to the desk.
import { api, ApiError } from '../api.js';
import { button, h } from '../dom.js';
import { language, t } from '../i18n.js';
import { consentVersion, notice, progress } from './parts.js';

// Refusals that mean "the text you showed is not the current one".
const TEXT_CHANGED = ['consent_text_changed', 'consent_version'];

// The text comes from the daemon, which keeps it by version (session.consent_texts): the
// words shown are the words the recorded version stands for, never a translation catalog's.
export function consent(app) {
  const session = app.session;
  const shown = (session.consent_texts || []).find((text) => text.language === language());
  const answer = (accepted, byGuardian = false) => async () => {
    let changed = null;
    const next = await app.act(async () => {
      try {
        return await api.consent(session.id, session.consent_version, accepted, byGuardian, shown);
      } catch (error) {
        // The daemon serves another text than the one on screen (edited, or this page's copy
        // was stale): nothing was recorded. Take the current text and ask again, saying why.
        if (!(error instanceof ApiError) || !TEXT_CHANGED.includes(error.code)) throw error;
        changed = error;
        return api.session(session.id);
      }
    });
    if (!next) return;
    app.setSession(next);
    // Drawn again from the session just read, so the text on screen is the current one.
    if (changed && app.session && app.session.step === 'consent') app.showError(changed);
  };
  // Without the text in this language nobody can agree to it; saying no stays possible.
  const agreeable = () => Boolean(shown) && !app.busy;
  const text = shown
    ? h('div', { class: 'consent-text', id: 'consent-text', dataset: { sha256: shown.sha256 } },
      shown.text.split(/\n[ \t]*\n/).map((paragraph) => h('p', {}, paragraph)))
    : h('p', { class: 'error', role: 'alert', id: 'consent-text-missing' }, t('consent.text_missing'));
  const cue = h('p', { class: 'scroll-cue', id: 'consent-more', hidden: true }, t('consent.more_below'));
  const element = h('section', { 'aria-labelledby': 'consent-title' },
    progress(app),
    h('h2', { id: 'consent-title' }, t('consent.title')),
    text,
    // The version, discreetly; the start of the text's digest (what staff quote to the
    // centre) only inside a closed staff detail at a staffed kiosk: it means nothing to the
    // person reading.
    h('p', { class: 'muted', id: 'consent-version' }, t('consent.version', { version: consentVersion(session.consent_version) })),
    shown && !app.station ? h('details', { class: 'staff-detail', id: 'consent-digest' },
      h('summary', {}, t('consent.staff_detail')), h('bdi', { class: 'digest code', dir: 'ltr' }, shown.sha256.slice(0, 12))) : null,
    app.station ? h('p', { class: 'lead', id: 'consent-minor' }, t('consent.minor_station')) : null,
    notice(app),
    // Always in view at the bottom of the screen, however long the text.
    // The cue above them says there is more text while its end is out of sight (scroll
    // bars may be hidden).
    h('div', { class: 'actions sticky-actions', id: 'consent-actions' }, cue,
      button(t('consent.accept'), answer(true), { kind: 'button-primary button-huge', id: 'consent-yes', disabled: !agreeable() }),
      app.station ? null
        : button(t('consent.guardian'), answer(true, true), { kind: 'button-huge', id: 'consent-guardian', disabled: !agreeable() }),
      button(t('consent.refuse'), answer(false), { kind: 'button-huge', id: 'consent-no', disabled: app.busy })));
  element.update = () => element.querySelectorAll('button').forEach((b) => {
    b.disabled = b.id === 'consent-no' ? app.busy : !agreeable();
  });
  if (shown) watchEnd(text, cue);
  return element;
}

// Shows the cue while the end of the text is hidden behind the fixed buttons or below.
function watchEnd(text, cue) {
  const end = h('span', { class: 'consent-end', 'aria-hidden': 'true' });
  text.append(end);
  const check = () => {
    if (!text.isConnected) {
      window.removeEventListener('scroll', check);
      window.removeEventListener('resize', check);
      return;
    }
    const bar = cue.parentElement.getBoundingClientRect();
    cue.hidden = end.getBoundingClientRect().bottom <= bar.top + 1;
  };
  window.addEventListener('scroll', check, { passive: true });
  window.addEventListener('resize', check);
  requestAnimationFrame(check);
}
