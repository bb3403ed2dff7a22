// One screen per session step (docs/sessions.md): the API's `step` decides which.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { consent } from './consent.js';
import { duplicate } from './duplicate.js';
import { face } from './face.js';
import { finger } from './finger.js';
import { review } from './review.js';
import { subject } from './subject.js';

const steps = {
  consent,
  subject,
  finger,
  face,
  duplicate_check: duplicate,
  duplicate_decision: duplicate,
  review,
  committing: review,
};

export function sessionScreen(app) {
  const draw = steps[app.session && app.session.step];
  if (!draw) return h('p', { class: 'lead' }, t('common.wait'));
  const element = draw(app);
  element.dataset.step = app.session.step;
  return element;
}
