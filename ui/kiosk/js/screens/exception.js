// Recording that a finger or the face cannot be captured: a reason from the fixed list
// and a supervisor's approval at a staffed kiosk. No free-text note: nothing about the
// person beyond the reason is asked for or kept. The wording records; it never questions
// the person.
import { api } from '../api.js';
import { button, h } from '../dom.js';
import { t } from '../i18n.js';
import { fingerName, notice, supervisorFields } from './parts.js';

const STAFFED_REASONS = ['missing', 'bandaged', 'injured', 'unreadable', 'declined', 'other'];

export function exceptionDialog({ kind, finger }) {
  // What was chosen survives a redraw (a refused approval, a language switch); the PIN does not.
  const form = { reason: null };
  return (app) => {
    // A station has no one to approve: the person may decline; "unreadable" is recorded by
    // the daemon itself once the tries are used.
    const reasons = app.station ? ['declined'] : STAFFED_REASONS;
    if (app.station) form.reason = 'declined';
    const radios = reasons.map((reason) => h('label', { class: 'choice' },
      h('input', {
        type: 'radio', name: 'reason', value: reason, checked: form.reason === reason,
        onchange: () => { form.reason = reason; },
      }),
      // At a station the person reads this about themselves: first person.
      h('span', {}, t(app.station && reason === 'declined' ? 'exception.reason.declined_station' : `exception.reason.${reason}`))));
    const approval = app.station ? { element: null, value: () => undefined } : supervisorFields(app);

    const submit = async () => {
      if (!form.reason) { app.notice = { kind: 'error', text: t('exception.choose') }; app.renderDialog(); return; }
      const session = app.session;
      const supervisor = approval.value();
      const next = await app.act(() => (kind === 'finger'
        ? api.fingerException(session.id, finger, form.reason, supervisor)
        : api.faceException(session.id, form.reason, supervisor)));
      if (!next) return;
      app.closeDialog();
      app.setSession(next);
      // Heard, not left on the next step's screen.
      app.announce(`${what}: ${t('exception.recorded')}`);
    };

    const what = kind === 'finger' ? fingerName(finger) : t('face.title');
    return h('div', { class: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'exception-title', id: 'exception-dialog' },
      h('h2', { id: 'exception-title' }, t(app.station ? 'exception.title_station' : 'exception.title')),
      h('p', { class: 'lead' }, what),
      h('p', { class: 'muted' }, t('exception.intro')),
      h('fieldset', { class: 'choices' }, h('legend', { class: 'muted' }, t('exception.legend')), radios),
      approval.element,
      notice(app),
      // Pinned to the dialog's bottom edge: in view however long the form above it.
      h('div', { class: 'actions sticky-actions' },
        button(t('exception.record'), submit, { kind: 'button-primary', id: 'exception-submit' }),
        button(t('common.cancel'), () => { app.notice = null; app.closeDialog(); }, { kind: 'button-quiet', id: 'exception-cancel' })));
  };
}
