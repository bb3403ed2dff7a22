// The operator's start screen: who is signed in, the devices, whether enrollments are
// accepted, and the button that starts one. When the daemon would refuse a session (a
// technician's maintenance, a store that takes no records, a missing reader or camera) the
// title says enrollments are paused, Start is off, and the reason is said in the staff's
// language; the daemon's English sentence only inside a closed technical detail.
import { api } from '../api.js';
import { button, h } from '../dom.js';
import { dateTime, t } from '../i18n.js';
import { DEVICE_KINDS, deviceNames, unusableKinds } from '../devices.js';
import { notice } from './parts.js';

const REFUSALS = ['maintenance', 'not_accepting', 'no_device'];

export function home(app) {
  const devices = h('ul', { class: 'devices', id: 'devices' }, h('li', { class: 'muted' }, t('common.wait')));
  const queue = h('p', { class: 'muted', id: 'queue' });
  const backlog = h('p', { class: 'warning', id: 'queue-warning', hidden: true });
  const detail = h('details', { class: 'staff-detail', id: 'staff-detail', hidden: true },
    h('summary', {}, t('home.technical_detail')), h('p', { class: 'code muted', dir: 'ltr', id: 'staff-reason' }));
  const title = h('h2', { id: 'home-title' }, t('home.title'));
  const role = app.principal ? t(`role.${app.principal.role}`) : '';
  // Off until the daemon has said a session would start.
  let admitted = false;
  const start = button(t('home.start'), () => app.startSession(), { kind: 'button-primary button-huge', id: 'start', disabled: true });

  const element = h('section', { 'aria-labelledby': 'home-title' },
    title,
    h('p', { class: 'muted', id: 'signed-in' }, t('home.signed_in', { operator: app.principal ? app.principal.id : '', role })),
    notice(app),
    h('div', { class: 'actions' },
      start,
      button(t('home.sign_out'), () => app.signOut(), { kind: 'button-quiet', id: 'sign-out' })),
    h('div', { class: 'panel' }, h('h3', {}, t('home.devices')), devices, queue, backlog, detail));

  element.update = () => { start.disabled = app.busy || !admitted; };
  fillState({ devices, queue, backlog, detail, title }).then((accepting) => {
    admitted = accepting;
    element.update();
  });
  return element;
}

// Asks the daemon for the devices, the queue and whether a session would start; draws them
// and answers whether Start may be pressed.
async function fillState(parts) {
  const [devices, status, admission] = await Promise.all([
    api.devices().then((answer) => answer.devices, () => null),
    api.queue().catch(() => null),
    api.admission().catch(() => null),
  ]);
  fillDevices(parts.devices, devices);
  if (status) {
    parts.queue.textContent = t('home.queue', { n: status.queue.depth });
    showBacklog(parts.backlog, status.warning);
  }
  if (!admission) return false;
  if (admission.accepting) return true;
  const code = REFUSALS.includes(admission.error) ? admission.error : 'other';
  const missing = devices ? unusableKinds(devices) : [];
  parts.title.textContent = t('home.paused_title');
  parts.queue.textContent = code === 'no_device' && missing.length
    ? t('home.refusal.no_device', { devices: deviceNames(missing) })
    : t(code === 'maintenance' ? 'home.maintenance' : `home.refusal.${code === 'no_device' ? 'no_device_unknown' : code}`);
  parts.queue.className = code === 'maintenance' ? 'warning' : 'error';
  parts.queue.dataset.reason = code;
  if (admission.message) {
    parts.detail.hidden = false;
    parts.detail.querySelector('#staff-reason').textContent = `${admission.error}: ${admission.message}`;
  }
  return false;
}

// Every kind of device an enrollment may use, with its state; a kind with no device at all
// is listed as not found, so staff see what is missing rather than only what is there.
function fillDevices(list, devices) {
  if (!devices) {
    list.replaceChildren(h('li', { class: 'error' }, t('error.network')));
    return;
  }
  const lines = devices.map((device) => h('li', { dataset: { kind: device.kind, health: device.health } },
    `${t(`device.${device.kind}`)}: ${t(`device.health.${device.health}`)}`));
  for (const kind of DEVICE_KINDS) {
    if (!devices.some((device) => device.kind === kind)) {
      lines.push(h('li', { class: 'error', dataset: { kind, health: 'missing' } }, `${t(`device.${kind}`)}: ${t('device.health.missing')}`));
    }
  }
  list.replaceChildren(...lines);
}

// Records that have not reached the central server for long (the daemon decides when:
// QueueWarning), so staff can report an outage before the queue fills up.
export function showBacklog(line, warning) {
  line.hidden = !warning;
  line.textContent = warning
    ? t('home.queue_warning', { since: dateTime(warning.since), n: warning.records, percent: Math.floor(warning.fraction * 100) })
    : '';
}
