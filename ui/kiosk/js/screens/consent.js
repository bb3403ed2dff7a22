// Consent: the versioned text, and a yes or a no. No means nothing is kept. At a staffed
// kiosk a parent or guardian may answer for a child; a station sends children to the desk.
import { api } from '../api.js';
import { button, h } from '../dom.js';
import { t } from '../i18n.js';
import { consentVersion, notice, progress } from './parts.js';

export function consent(app) {
  const session = app.session;
  const answer = (accepted, byGuardian = false) => async () => {
    const next = await app.act(() => api.consent(session.id, session.consent_version, accepted, byGuardian));
    if (next) app.setSession(next);
  };
  const element = h('section', { 'aria-labelledby': 'consent-title' },
    progress(app),
    h('h2', { id: 'consent-title' }, t('consent.title')),
    h('p', { class: 'consent-text', id: 'consent-text' }, t('consent.text')),
    h('p', { class: 'muted' }, t('consent.version', { version: consentVersion(session.consent_version) })),
    app.station ? h('p', { class: 'lead', id: 'consent-minor' }, t('consent.minor_station')) : null,
    notice(app),
    h('div', { class: 'actions' },
      button(t('consent.accept'), answer(true), { kind: 'button-primary button-huge', id: 'consent-yes', disabled: app.busy }),
      app.station ? null
        : button(t('consent.guardian'), answer(true, true), { kind: 'button-huge', id: 'consent-guardian', disabled: app.busy }),
      button(t('consent.refuse'), answer(false), { kind: 'button-huge', id: 'consent-no', disabled: app.busy })));
  element.update = () => element.querySelectorAll('button').forEach((b) => { b.disabled = app.busy; });
  return element;
}
