// The operator's start screen: who is signed in, the devices, whether enrollments are
// accepted, and the button that starts one.
import { api } from '../api.js';
import { button, h } from '../dom.js';
import { dateTime, t } from '../i18n.js';
import { notice } from './parts.js';

export function home(app) {
  const devices = h('ul', { class: 'devices', id: 'devices' }, h('li', { class: 'muted' }, t('common.wait')));
  const queue = h('p', { class: 'muted', id: 'queue' });
  const backlog = h('p', { class: 'warning', id: 'queue-warning', hidden: true });
  const role = app.principal ? t(`role.${app.principal.role}`) : '';

  const element = h('section', { 'aria-labelledby': 'home-title' },
    h('h2', { id: 'home-title' }, t('home.title')),
    h('p', { class: 'muted', id: 'signed-in' }, t('home.signed_in', { operator: app.principal ? app.principal.id : '', role })),
    notice(app),
    h('div', { class: 'actions' },
      button(t('home.start'), () => app.startSession(), { kind: 'button-primary button-huge', id: 'start', disabled: app.busy }),
      button(t('home.sign_out'), () => app.signOut(), { kind: 'button-quiet', id: 'sign-out' })),
    h('div', { class: 'panel' }, h('h3', {}, t('home.devices')), devices, queue, backlog));

  fillDevices(devices);
  fillQueue(queue, backlog);
  element.update = () => {
    const start = element.querySelector('#start');
    if (start) start.disabled = app.busy;
  };
  return element;
}

export async function fillDevices(list) {
  try {
    const { devices } = await api.devices();
    list.replaceChildren(...(devices.length ? devices.map((device) => h('li', { dataset: { health: device.health } },
      `${t(`device.${device.kind}`)}: ${t(`device.health.${device.health}`)}`)) : [h('li', {}, t('device.none'))]));
  } catch {
    list.replaceChildren(h('li', { class: 'error' }, t('error.network')));
  }
}

async function fillQueue(line, backlog) {
  try {
    const status = await api.queue();
    line.textContent = status.accepting
      ? t('home.queue', { n: status.queue.depth })
      : t('home.not_accepting', { reason: status.refusal || '' });
    line.className = status.accepting ? 'muted' : 'error';
    showBacklog(backlog, status.warning);
    // A technician's maintenance (before a restart) is not the queue's: say it in the
    // staff's language, so nobody starts an enrollment that would be refused.
    if (status.accepting && (await maintenance())) {
      line.textContent = t('home.maintenance');
      line.className = 'warning';
    }
  } catch {
    line.textContent = '';
  }
}

async function maintenance() {
  try {
    return (await api.admission()).error === 'maintenance';
  } catch {
    return false;
  }
}

// Records that have not reached the central server for long (the daemon decides when:
// QueueWarning), so staff can report an outage before the queue fills up.
export function showBacklog(line, warning) {
  line.hidden = !warning;
  line.textContent = warning
    ? t('home.queue_warning', { since: dateTime(warning.since), n: warning.records, percent: Math.floor(warning.fraction * 100) })
    : '';
}
