// Subject details: exactly the fields the policy names, nothing more.
import { api } from '../api.js';
import { button, h } from '../dom.js';
import { asciiDigits, t } from '../i18n.js';
import { fieldLabel, notice, progress } from './parts.js';

export function subject(app) {
  const session = app.session;
  const inputs = [];
  const fields = (session.subject_fields || []).map((field) => {
    const id = `field-${field.key}`;
    const label = fieldLabel(field.key);
    const control = field.choices && field.choices.length
      ? h('select', { id, name: field.key, required: field.required },
        h('option', { value: '' }, '—'), field.choices.map((choice) => h('option', { value: choice }, choice)))
      : h('input', { type: 'text', id, name: field.key, autocomplete: 'off', spellcheck: 'false', maxlength: field.maximum_length, required: field.required });
    control.setAttribute('aria-describedby', `${id}-error`);
    // Back from the review ("Change details"): the details given so far, to correct.
    const given = session.subject && session.subject[field.key];
    if (given) control.value = given;
    inputs.push({ field, control });
    return h('div', { class: 'field' },
      h('label', { for: id }, label, ' ', h('span', { class: 'hint' }, `(${t(field.required ? 'common.required' : 'common.optional')})`)),
      control,
      h('span', { class: 'field-error', id: `${id}-error`, 'aria-live': 'polite' }));
  });

  const submit = async () => {
    const values = {};
    let valid = true;
    for (const { field, control } of inputs) {
      // Digits typed on a Persian keyboard are sent as ASCII digits.
      const value = asciiDigits(control.value.trim());
      const error = element.querySelector(`#field-${field.key}-error`);
      let problem = '';
      if (field.required && !value) problem = t('subject.required');
      else if ([...value].length > field.maximum_length) problem = t('subject.too_long', { n: field.maximum_length });
      error.textContent = problem;
      control.setAttribute('aria-invalid', problem ? 'true' : 'false');
      if (problem) valid = false;
      if (value) values[field.key] = value;
    }
    if (!valid) { element.querySelector('[aria-invalid="true"]').focus(); return; }
    const next = await app.act(() => api.subject(session.id, values));
    if (next) app.setSession(next);
  };

  // Captures already taken: this is a correction from the review, and they are kept.
  const captures = [...(session.fingers || []), ...(session.face ? [session.face] : [])];
  const changing = captures.some((capture) => capture.state !== 'pending');
  const element = h('section', { 'aria-labelledby': 'subject-title' },
    progress(app),
    h('h2', { id: 'subject-title' }, t('subject.title')),
    changing ? h('p', { class: 'lead', id: 'subject-changing' }, t('subject.changing')) : null,
    // At a station nobody is there to explain the fields: say what to do and whom to ask.
    h('p', { class: app.station ? 'lead' : 'muted', id: 'subject-intro' }, t(app.station ? 'subject.intro_station' : 'subject.intro')),
    h('form', { id: 'subject-form', novalidate: true, onsubmit: (event) => { event.preventDefault(); submit(); } }, fields),
    notice(app),
    h('div', { class: 'actions' }, button(t('common.next'), submit, { kind: 'button-primary button-huge', id: 'subject-next', disabled: app.busy })));
  element.update = () => { element.querySelector('#subject-next').disabled = app.busy; };
  return element;
}
