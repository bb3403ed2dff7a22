// The self-service station: a one-time setup by a technician (the station token, held in
// memory only), then a welcome screen that starts a session with one touch.
import { api } from '../api.js';
import { button, h } from '../dom.js';
import { language, setLanguage, t } from '../i18n.js';
import { checkAdmission } from '../admission.js';
import { deviceNames } from '../devices.js';
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
  // Drawn from the last answer; the first one is asked for at once.
  if (app.admission === null) queueMicrotask(() => checkAdmission(app));
  if (app.admission && !app.admission.accepting) return outOfService(app, other);
  return h('section', { class: 'center', 'aria-labelledby': 'welcome-title' },
    h('h2', { id: 'welcome-title', class: 'big' }, t('station.welcome')),
    h('p', { class: 'lead' }, t('station.intro')),
    notice(app),
    h('div', { class: 'actions' },
      button(t('station.start'), () => startHere(app), { kind: 'button-primary button-huge button-wide', id: 'start', disabled: app.busy }),
      button(t('lang.switch'), () => { setLanguage(other); app.render(); }, { kind: 'button-quiet button-wide', attrs: { lang: other } })));
}

// A refused start (the reader went away a moment ago) turns the screen to "out of service"
// at once rather than at the next check.
async function startHere(app) {
  await app.startSession();
  if (app.screen === 'station_welcome') await checkAdmission(app);
}

// Calm words for the person; the technical reason (the code and the daemon's sentence)
// only inside a closed "for staff" detail.
function outOfService(app, other) {
  const code = app.admission.error || 'unknown';
  return h('section', { class: 'center', 'aria-labelledby': 'out-of-service-title', id: 'out-of-service', dataset: { reason: code } },
    h('h2', { id: 'out-of-service-title', class: 'big' }, t('station.out_of_service')),
    h('p', { class: 'lead' }, t('station.out_of_service_text')),
    contactLine(app),
    h('details', { class: 'staff-detail', id: 'staff-detail' },
      h('summary', {}, t('station.staff_detail')),
      h('p', { class: 'muted', id: 'staff-refusal' }, refusalWords(app.admission)),
      h('p', { class: 'code muted', dir: 'ltr', id: 'staff-reason' }, app.admission.message ? `${code}: ${app.admission.message}` : code)),
    h('div', { class: 'actions' },
      button(t('lang.switch'), () => { setLanguage(other); app.render(); }, { kind: 'button-quiet button-wide', attrs: { lang: other } })));
}

// Whom to ask, when the centre configured it (`kiosk.contact_text`), in the page's language.
function contactLine(app) {
  const line = app.contact && typeof app.contact === 'object' ? app.contact[language()] : null;
  return line ? h('p', { class: 'lead', id: 'contact-text' }, h('bdi', {}, line)) : null;
}

// For staff, in the page's language: which device is missing, not only that one is.
function refusalWords(admission) {
  const code = admission.error;
  if (code === 'no_device') {
    const missing = admission.missing || [];
    return missing.length ? t('station.refusal.no_device', { devices: deviceNames(missing) }) : t('station.refusal.no_device_unknown');
  }
  return t(`station.refusal.${['not_accepting', 'maintenance', 'network'].includes(code) ? code : 'other'}`);
}
