// Pieces several screens share.
import { h } from '../dom.js';
import { has, t, num } from '../i18n.js';

// The last refusal or failure, said plainly (role=alert so a screen reader hears it).
export function notice(app) {
  if (!app.notice) return null;
  return h('p', { class: app.notice.kind === 'error' ? 'error' : 'ok', role: 'alert', id: 'notice' }, app.notice.text);
}

// "Step 3 of 7": where the person is in the flow.
export function progress(app) {
  const session = app.session;
  if (!session) return null;
  const steps = ['consent'];
  if (app.mode !== 'station' || (session.subject_fields || []).length) steps.push('subject');
  for (const finger of session.fingers || []) steps.push(`finger:${finger.finger}`);
  if (session.face) steps.push('face');
  steps.push('duplicate', 'review');
  let here = session.step;
  if (here === 'finger') here = `finger:${session.finger}`;
  if (here === 'duplicate_check' || here === 'duplicate_decision') here = 'duplicate';
  if (here === 'committing') here = 'review';
  const index = steps.indexOf(here);
  if (index < 0) return null;
  return h('p', { class: 'muted', id: 'progress' }, t('common.step_of', { n: index + 1, total: steps.length }));
}

// A supervisor's id and PIN, for an approval at the operator's station; nothing when the
// one logged in is a supervisor already (the API then needs no approval block).
export function supervisorFields(app) {
  if (app.principal && app.principal.role === 'supervisor') return { element: null, value: () => undefined };
  const id = h('input', { type: 'text', id: 'supervisor-id', autocomplete: 'off', spellcheck: 'false', dir: 'ltr', maxlength: 64 });
  const pin = h('input', { type: 'password', id: 'supervisor-pin', autocomplete: 'off', inputmode: 'numeric', dir: 'ltr', maxlength: 32 });
  const element = h('div', { class: 'panel' },
    h('p', { class: 'muted' }, t('exception.approval')),
    h('div', { class: 'field' }, h('label', { for: 'supervisor-id' }, t('supervisor.id')), id),
    h('div', { class: 'field' }, h('label', { for: 'supervisor-pin' }, t('supervisor.pin')), pin));
  return {
    element,
    value: () => (id.value.trim() ? { operator_id: id.value.trim(), pin: asciiOnly(pin.value) } : undefined),
  };
}

function asciiOnly(text) {
  return text.replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06F0))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));
}

// A quality figure, or nothing when no checker assessed it (never a made-up score). The
// threshold is the one the session states for the step (configuration).
// A self-service station shows no score at all (body.station, set by app.render): the
// person is told what to change, never graded.
export function qualityLine(quality, threshold) {
  if (!quality || !quality.assessed || quality.score === null || quality.score === undefined) return null;
  if (document.body.classList.contains('station')) return null;
  const text = typeof threshold === 'number'
    ? t('finger.quality', { score: quality.score, threshold })
    : t('quality.score', { score: quality.score });
  return h('p', { class: 'quality', id: 'quality' }, text);
}

// The failing checks of a capture, each in plain words.
export function checksList(feedback) {
  if (!feedback || !feedback.length) return null;
  return h('ul', { class: 'checks', id: 'checks' }, feedback.map((code) => h('li', { dataset: { check: code } }, checkText(code))));
}

export function checkText(code) {
  const key = `check.${code}`;
  const text = t(key);
  return text === key ? t('check.unknown') : text;
}

export function fingerName(finger) { return t(`finger.${finger}`); }

// A field the centre added to the policy without kiosk words is shown by its own name, on the
// details form and the review alike.
export function fieldLabel(key) { return has(`field.${key}`) ? t(`field.${key}`) : key; }

export { num };

// The consent text's version: a plain number in the page's digits, any other label as it is.
export function consentVersion(version) {
  return /^\d+$/.test(String(version)) ? num(version) : version;
}
