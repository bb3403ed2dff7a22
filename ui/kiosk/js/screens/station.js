// The self-service station: a one-time setup by a technician (the station token, held in
// memory only), then a welcome screen that starts a session with one touch.
import { api } from '../api.js';
import { button, h } from '../dom.js';
import { language, setLanguage, t } from '../i18n.js';
import { notice } from './parts.js';

export function stationSetup(app) {
  const token = h('input', { type: 'password', id: 'station-token', autocomplete: 'off', dir: 'ltr', maxlength: 128 });
  const submit = async () => {
    const value = token.value;
    token.value = '';
    const principal = await app.act(() => api.login({ method: 'station', station_token: value }));
    if (principal) await app.afterLogin(principal);
  };
  token.addEventListener('keydown', (event) => { if (event.key === 'Enter') submit(); });
  return h('section', { 'aria-labelledby': 'setup-title' },
    h('h2', { id: 'setup-title' }, t('station.setup_title')),
    h('p', { class: 'muted' }, t('station.setup_text')),
    h('div', { class: 'field' }, h('label', { for: 'station-token' }, t('station.token')), token),
    notice(app),
    h('div', { class: 'actions' }, button(t('login.submit'), submit, { kind: 'button-primary', id: 'station-submit' })));
}

export function stationWelcome(app) {
  const other = language() === 'fa' ? 'en' : 'fa';
  return h('section', { class: 'center', 'aria-labelledby': 'welcome-title' },
    h('h2', { id: 'welcome-title', class: 'big' }, t('station.welcome')),
    h('p', { class: 'lead' }, t('station.intro')),
    notice(app),
    h('div', { class: 'actions' },
      button(t('station.start'), () => app.startSession(), { kind: 'button-primary button-huge button-wide', id: 'start', disabled: app.busy }),
      button(t('lang.switch'), () => { setLanguage(other); app.render(); }, { kind: 'button-quiet button-wide', attrs: { lang: other } })));
}
