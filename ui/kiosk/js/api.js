// The control API (docs/control-api.yaml, docs/sessions.md). The login cookie is HttpOnly
// and set by the daemon; the CSRF token is kept in this module's memory only, never in
// browser storage or a URL.

let csrfToken = null;

export class ApiError extends Error {
  constructor(status, code, message, extra = {}) {
    super(message || code || `HTTP ${status}`);
    this.status = status;
    // Only a string code counts: an answer from elsewhere (a proxy, a generic error) may
    // carry anything in `error`.
    this.code = (typeof code === 'string' && code) || (status === 0 ? 'network' : `http_${status}`);
    Object.assign(this, extra);
  }
}

// Whether this tab signed in, kept across a reload in `window.name` (a flag, no secret;
// not browser storage), so a fresh page does not ask /v1/auth/me for a login it never had.
const SIGNED_IN = 'enrolld-signed-in';

export function forgetCredentials() {
  csrfToken = null;
  if (window.name === SIGNED_IN) window.name = '';
}
export function hasCsrf() { return csrfToken !== null; }

async function request(method, path, body, { csrf } = {}) {
  const headers = { Accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (method !== 'GET') {
    const token = csrf ?? csrfToken;
    if (token) headers['X-CSRF-Token'] = token;
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    throw new ApiError(0, 'network', String(error));
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  if (!response.ok) {
    const retry = Number(response.headers.get('Retry-After')) || (data && data.retry_after_seconds) || undefined;
    throw new ApiError(response.status, data && data.error, data && data.message,
      { retryAfter: retry, sessionId: data && data.session_id });
  }
  return data;
}

const sessionPath = (id, tail = '') => `/v1/sessions/${encodeURIComponent(id)}${tail}`;

export const api = {
  status: () => request('GET', '/v1/status'),
  devices: () => request('GET', '/v1/devices'),
  queue: () => request('GET', '/v1/queue'),

  async login(body) {
    const result = await request('POST', '/v1/auth/login', body, { csrf: 'login' });
    csrfToken = result.csrf_token;
    window.name = SIGNED_IN;
    return result.principal;
  },
  // The reader stops waiting for a finger; the waiting login then fails with `cancelled`.
  cancelFingerLogin: () => request('POST', '/v1/auth/login/cancel', undefined, { csrf: 'login' }),
  async logout() {
    try { await request('POST', '/v1/auth/logout'); } finally { forgetCredentials(); }
  },
  // A reloaded page takes up its login again: the cookie proves it, and the answer brings
  // back the CSRF token (another site's page cannot read it).
  async resume() {
    if (window.name !== SIGNED_IN) return null;
    let me = null;
    try { me = await request('GET', '/v1/auth/me'); } catch { me = null; }
    if (!me || !me.csrf_token) {
      forgetCredentials();
      return null;
    }
    csrfToken = me.csrf_token;
    return { id: me.id, role: me.role, via: me.via, idle_expires_in_seconds: me.idle_expires_in_seconds };
  },

  createSession: () => request('POST', '/v1/sessions'),
  currentSession: () => request('GET', '/v1/sessions/current'),
  session: (id) => request('GET', sessionPath(id)),
  // `byGuardian`: a parent's or guardian's answer for a child (staffed kiosks only).
  // `shown`: the text on screen ({language, sha256} from session.consent_texts); the daemon
  // takes a yes only to the text it serves now (409 consent_text_changed otherwise).
  consent: (id, version, accepted, byGuardian = false, shown = null) =>
    request('POST', sessionPath(id, '/consent'), {
      version, accepted,
      ...(byGuardian ? { by_guardian: true } : {}),
      ...(shown ? { language: shown.language, sha256: shown.sha256 } : {}),
    }),
  subject: (id, fields) => request('POST', sessionPath(id, '/subject'), { fields }),
  captureFinger: (id, finger) => request('POST', sessionPath(id, '/finger'), { finger }),
  fingerException: (id, finger, reason, supervisor) =>
    request('POST', sessionPath(id, '/finger/exception'), clean({ finger, reason, supervisor })),
  captureFace: (id) => request('POST', sessionPath(id, '/face')),
  faceException: (id, reason, supervisor) =>
    request('POST', sessionPath(id, '/face/exception'), clean({ reason, supervisor })),
  duplicateDecision: (id, decision, supervisor) =>
    request('POST', sessionPath(id, '/duplicates/decision'), clean({ decision, supervisor })),
  confirm: (id) => request('POST', sessionPath(id, '/confirm')),
  cancel: (id) => request('POST', sessionPath(id, '/cancel')),
  // Staff: the current step's wait starts again.
  moreTime: (id) => request('POST', sessionPath(id, '/more_time')),
  // From the review back to the details, every capture kept.
  changeDetails: (id) => request('POST', sessionPath(id, '/subject/edit')),
  eventsURL: (id) => sessionPath(id, '/events'),
  // The reader stops waiting for this session's finger; the waiting capture answers 409 cancelled.
  cancelFingerCapture: (id) => request('POST', sessionPath(id, '/finger/cancel')),
  // Whether a session would start now ({accepting, error?, message?}).
  admission: () => request('GET', '/v1/sessions/admission'),
};

// Leaves out empty optional members: the API refuses unknown or empty values.
function clean(object) {
  const out = {};
  for (const [key, value] of Object.entries(object)) {
    if (value === undefined || value === null || value === '') continue;
    out[key] = value;
  }
  return out;
}
