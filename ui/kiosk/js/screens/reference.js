// The short reference a person can quote later to see or delete their record: the last
// eight hex digits of the record id (a UUIDv7, whose first digits are its timestamp and
// so shared by every record of the same minute; the last ones are random), in capitals,
// in two groups of four. The centre finds the record by these digits and the day
// (README, "Kiosk UI").
import { h } from '../dom.js';
import { language, t } from '../i18n.js';

export function shortReference(recordId) {
  const hex = String(recordId || '').replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) return '';
  const tail = hex.slice(-8).toUpperCase();
  return `${tail.slice(0, 4)} ${tail.slice(4)}`;
}

// The reference in large type, what it is for, and the centre's contact line in the
// page's language when one is configured (`kiosk.contact_text`).
export function referenceBlock(recordId, contact) {
  const reference = shortReference(recordId);
  if (!reference) return null;
  const line = contact && typeof contact === 'object' ? contact[language()] : null;
  return h('div', { class: 'panel reference', id: 'reference' },
    h('p', { class: 'muted', id: 'reference-label' }, t('committed.reference')),
    h('p', { class: 'reference-code', 'aria-labelledby': 'reference-label' },
      h('bdi', { class: 'code', id: 'record-ref', dir: 'ltr' }, reference)),
    h('p', {}, t('committed.reference_hint')),
    line ? h('p', { class: 'lead', id: 'contact-text' }, h('bdi', {}, line)) : null);
}
