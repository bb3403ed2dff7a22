// The end of a session: the record id after a commit, or what happened after an abort.
// Everything else about the person is already gone from memory and the page.
import { button, h } from '../dom.js';
import { t } from '../i18n.js';
import { referenceBlock } from './reference.js';

export function ended(app) {
  const end = app.ended || { kind: 'aborted', reason: 'cancelled' };
  const next = button(t(app.station ? 'common.ok' : 'committed.next'), () => app.leaveEnded(),
    { kind: 'button-primary button-huge', id: 'next' });
  if (end.kind === 'committed') {
    return h('section', { 'aria-labelledby': 'ended-title', id: 'committed' },
      h('h2', { id: 'ended-title', class: 'ok' }, t('committed.title')),
      h('p', { class: 'lead' }, t(app.station ? 'committed.station_bye' : 'committed.text')),
      // A short reference to quote later, not the 32-digit id; staff still see the id.
      referenceBlock(end.recordId, app.contact),
      app.station ? null
        : h('p', {}, t('committed.record'), ': ', h('bdi', { class: 'code record-id', id: 'record-id', dir: 'ltr' }, end.recordId || '')),
      app.station ? h('p', { class: 'muted', id: 'ended-countdown' }, t('station.ended_closes', { seconds: app.endedSecondsLeft() })) : null,
      h('div', { class: 'actions' }, next,
        app.station ? button(t('station.ended_more'), () => app.moreEndedTime(),
          { kind: 'button-quiet', id: 'ended-more', attrs: app.endedMoreLeft > 0 ? {} : { hidden: true } }) : null));
  }
  return h('section', { 'aria-labelledby': 'ended-title', id: 'aborted' },
    h('h2', { id: 'ended-title' }, t('aborted.title')),
    h('p', { class: 'lead' }, t(`aborted.reason.${end.reason}`)),
    h('p', {}, t('aborted.text')),
    h('div', { class: 'actions' }, next));
}

export function abortDialog(app) {
  return h('div', { class: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'abort-title' },
    h('h2', { id: 'abort-title' }, t('abort.confirm_title')),
    h('p', { class: 'lead' }, t('abort.confirm_text')),
    h('div', { class: 'actions sticky-actions' },
      button(t('abort.confirm_yes'), () => app.cancelSession(), { kind: 'button-danger', id: 'abort-yes' }),
      button(t('abort.confirm_no'), () => app.closeDialog(), { kind: 'button-primary', id: 'abort-no' })));
}
