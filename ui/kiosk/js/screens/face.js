// The face: a live, mirrored preview from the daemon's camera (a few small JPEGs a second
// over the event stream, shown and dropped, never stored), what to change, and the photo.
import { api } from '../api.js';
import { button, h, mount } from '../dom.js';
import { t } from '../i18n.js';
import { exceptionDialog } from './exception.js';
import { checksList, notice, progress } from './parts.js';

export function face(app) {
  const session = app.session;
  const state = session.face || { attempts: 0, attempts_allowed: 1 };
  const used = state.attempts >= state.attempts_allowed;

  const take = async () => {
    // The button disables itself meanwhile: keyboard focus goes to the result's words, and
    // back to the button once it can be pressed again.
    if (document.activeElement === shoot) status.focus({ preventScroll: true });
    const result = await app.act(() => api.captureFace(session.id));
    if (!result) return;
    app.live.outcome = result.outcome;
    if (result.quality) app.live.quality = { attempt: result.attempt, ...result.quality };
    app.setSession(result.session);
    // Heard, not shown on the next step's screen (the review lists the photo as taken).
    if (result.outcome === 'accepted' && app.session && app.session.step !== 'face') app.announce(t('face.accepted'));
  };

  const image = h('img', { id: 'preview-image', alt: t('face.preview'), hidden: true });
  const waiting = h('p', { class: 'muted', id: 'preview-waiting' }, t('face.no_preview'));
  const preview = h('div', { class: 'preview', id: 'preview' }, image, waiting);
  const status = h('div', { class: 'panel', role: 'status', 'aria-live': 'polite', id: 'face-status', tabindex: '-1' });
  const shoot = button(t('face.capture'), take, { kind: 'button-primary button-huge', id: 'take-photo' });
  const cannot = button(t(app.station ? 'face.cannot_station' : 'face.cannot'), () => app.openDialog(exceptionDialog({ kind: 'face' })),
    { kind: 'button-quiet', id: 'face-exception' });

  const element = h('section', { class: 'columns', 'aria-labelledby': 'face-title' },
    h('div', {},
      progress(app),
      h('h2', { id: 'face-title' }, t('face.title')),
      status,
      notice(app),
      h('div', { class: 'actions' }, used ? null : shoot, cannot)),
    preview);

  // Only what changed: the live preview arrives several times a second.
  let lastFeedback = null;
  element.update = () => {
    const live = app.live;
    if (live.preview) {
      image.src = `data:image/jpeg;base64,${live.preview}`;
      image.hidden = false;
      waiting.hidden = true;
    }
    const good = live.faceQuality && live.faceQuality.acceptable;
    preview.classList.toggle('good', Boolean(good));
    shoot.disabled = app.busy;
    cannot.disabled = app.busy;
    // Redraw the words only when they change, so a screen reader is not flooded.
    const result = live.outcome === 'rejected' ? live.quality : null;
    const feedback = result ? result.feedback : (live.faceQuality ? live.faceQuality.feedback : []);
    const signature = JSON.stringify([good, feedback, live.outcome, used, result && result.score, app.busy]);
    if (signature === lastFeedback) return;
    lastFeedback = signature;
    let line = t(app.station ? 'face.intro_station' : 'face.intro');
    let tone = 'wait';
    if (used) { line = t('face.attempts_used'); tone = 'bad'; }
    else if (live.outcome === 'rejected') { line = t('face.rejected'); tone = 'bad'; }
    else if (good) { line = t('face.ok'); tone = 'ok'; }
    else if (feedback && feedback.length) line = t('face.adjust');
    // One thing to change at a time, the most useful first: several at once contradict each
    // other ("come closer" beside "step back"). A refused photo shows no score: a figure
    // above the threshold beside "not good enough" reads as a pass.
    mount(status,
      h('p', { class: `status-big ${tone}`, id: 'face-live' }, line),
      h('p', { class: 'muted' }, t('finger.attempt', { n: Math.min(state.attempts + 1, state.attempts_allowed), total: state.attempts_allowed })),
      checksList(mostUseful(feedback)));
  };
  element.update();
  return element;
}

// The order in which a person can act on the checks: be the only one in the picture and
// inside it, then in the middle, at the right distance and height, facing the camera, then
// the expression, and last what the person cannot change themselves (light, background).
const FACE_CHECK_ORDER = ['face_count', 'inside_frame', 'move_left', 'move_right', 'centred', 'eye_distance',
  'camera_too_high', 'camera_too_low', 'yaw', 'pitch', 'roll', 'eyes_open', 'mouth_closed', 'sharpness',
  'brightness_low', 'brightness_high', 'illumination', 'clipped', 'dynamic_range', 'background', 'jpeg_artefacts',
  'analysis_failed'];

function mostUseful(feedback) {
  if (!feedback || !feedback.length) return [];
  const rank = (code) => (FACE_CHECK_ORDER.includes(code) ? FACE_CHECK_ORDER.indexOf(code) : FACE_CHECK_ORDER.length);
  return [[...feedback].sort((a, b) => rank(a) - rank(b))[0]];
}
