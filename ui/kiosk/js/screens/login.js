// Staff sign-in: an operator id and a PIN (on-screen keypad or keyboard), or the operator's
// own fingerprint when the API offers it.
import { api } from '../api.js';
import { button, h } from '../dom.js';
import { asciiDigits, num, t } from '../i18n.js';
import { notice } from './parts.js';

export function login(app) {
  const operator = h('input', {
    type: 'text', id: 'operator-id', autocomplete: 'off', spellcheck: 'false', dir: 'ltr', maxlength: 64,
    'aria-describedby': 'login-hint', value: app.loginId || undefined,
  });
  const pin = h('input', {
    type: 'password', id: 'pin', autocomplete: 'off', inputmode: 'numeric', dir: 'ltr', maxlength: 32,
  });

  const submit = async () => {
    // The id (not the PIN) survives a failed try, so only the PIN is typed again.
    app.loginId = operator.value.trim();
    const body = { method: 'pin', operator_id: app.loginId, pin: asciiDigits(pin.value) };
    pin.value = '';
    const principal = await app.act(() => api.login(body));
    if (principal) await app.afterLogin(principal);
  };
  const byFinger = async () => {
    app.say(t('login.finger_wait'));
    const id = operator.value.trim();
    app.fingerWaiting = true;
    const body = id ? { method: 'fingerprint', operator_id: id } : { method: 'fingerprint' };
    // The wait is over before any answer is drawn (a refusal redraws the screen).
    const principal = await app.act(() => api.login(body).finally(() => { app.fingerWaiting = false; }));
    app.say('');
    if (principal) await app.afterLogin(principal);
  };
  // The person chose the PIN after all: the reader stops waiting, the keypad is free again.
  const stopFinger = async () => {
    try { await api.cancelFingerLogin(); } catch { /* the waiting login ends by itself */ }
  };
  const press = (digit) => () => { pin.value += digit; pin.focus(); };

  pin.addEventListener('keydown', (event) => { if (event.key === 'Enter') submit(); });
  const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => button(num(d), press(d), { attrs: { 'data-digit': d } }));
  keys.push(button('⌫', () => { pin.value = pin.value.slice(0, -1); }, { attrs: { 'aria-label': t('login.delete') } }));
  keys.push(button(num(0), press('0'), { attrs: { 'data-digit': '0' } }));
  keys.push(button(t('login.clear'), () => { pin.value = ''; }));

  const element = h('section', { class: 'columns', 'aria-labelledby': 'login-title' },
    h('div', {},
      h('h2', { id: 'login-title' }, t('login.title')),
      app.station ? h('p', { class: 'lead' }, t('login.station')) : null,
      h('p', { class: 'muted', id: 'login-hint' }, t('login.pin_hint')),
      h('div', { class: 'field' }, h('label', { for: 'operator-id' }, t('login.operator_label')), operator),
      h('div', { class: 'field' }, h('label', { for: 'pin' }, t('login.pin_label')), pin),
      notice(app),
      h('div', { class: 'actions' },
        button(t('login.submit'), submit, { kind: 'button-primary', id: 'login-submit', disabled: app.busy }),
        button(t('login.finger'), byFinger, { kind: 'button-quiet', id: 'login-finger', disabled: app.busy }),
        button(t('login.finger_stop'), stopFinger, { kind: 'button-quiet', id: 'login-finger-cancel', attrs: app.fingerWaiting ? {} : { hidden: true } }))),
    h('div', { class: 'keypad', id: 'login-keypad', role: 'group', 'aria-label': t('login.pin_label'), dir: 'ltr' }, keys));
  element.update = () => {
    for (const id of ['login-submit', 'login-finger']) {
      const control = element.querySelector(`#${id}`);
      if (control) control.disabled = app.busy;
    }
    const stop = element.querySelector('#login-finger-cancel');
    if (stop) stop.hidden = !app.fingerWaiting;
  };
  return element;
}
