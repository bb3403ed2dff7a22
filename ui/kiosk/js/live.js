// The session's live feedback: one EventSource per session (same origin, so the login
// cookie goes with it; no token in the URL). Every event type of docs/sessions.md is
// passed on as (type, data); the browser reconnects by itself after a drop.

const TYPES = ['step', 'finger_needed', 'finger_present', 'retry', 'finger_quality', 'face_feedback',
  'face_quality', 'duplicate_candidates', 'device_health', 'committed', 'aborted', 'error'];

export class Live {
  constructor(url, onEvent, onConnection) {
    this.closed = false;
    this.source = new EventSource(url);
    for (const type of TYPES) {
      this.source.addEventListener(type, (message) => {
        let data;
        try { data = JSON.parse(message.data); } catch { return; }
        if (data && typeof data === 'object') onEvent(type, data);
        // The stream ends after these; stop the browser from reconnecting to a closed session.
        if (type === 'committed' || type === 'aborted') this.close();
      });
    }
    this.source.addEventListener('open', () => onConnection(true));
    this.source.addEventListener('error', () => { if (!this.closed) onConnection(false); });
  }

  close() {
    this.closed = true;
    this.source.close();
  }
}
