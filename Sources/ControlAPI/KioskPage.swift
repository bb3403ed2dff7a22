import Hummingbird
import HTTPTypes

/// The page the kiosk browser opens at `http://127.0.0.1:PORT/`. Until the enrollment UI
/// lands it shows the daemon's status, in Persian (the deployment's default) and English.
/// Self-contained: no external network, no build step, nothing stored in the browser.
enum KioskPage {
    static func response() -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: "text/html; charset=utf-8",
                .contentSecurityPolicy: "default-src 'self'; script-src 'unsafe-inline' 'self'; style-src 'unsafe-inline'",
                .cacheControl: "no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(string: html))
        )
    }

    static let html = """
    <!doctype html>
    <html lang="fa" dir="rtl">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>enrolld</title>
    <style>
      body { font: 24px/1.5 system-ui, sans-serif; background: #000; color: #fff; margin: 2em; }
      h1 { font-size: 40px; } .en { direction: ltr; text-align: left; color: #ddd; }
      dl { display: grid; grid-template-columns: max-content auto; gap: .3em 1em; }
    </style>
    </head>
    <body>
    <h1>ایستگاه ثبت‌نام بیومتریک</h1>
    <p>سرویس در حال اجراست. روند ثبت‌نام به‌زودی در این صفحه فعال می‌شود.</p>
    <p class="en" lang="en">Biometric enrollment station. The service is running; the enrollment flow will appear on this page.</p>
    <dl class="en" lang="en" id="status"></dl>
    <script>
    fetch('/v1/status').then(r => r.json()).then(s => {
      const rows = [['Version', s.version], ['State', s.phase], ['Devices', s.devices.length],
                    ['Queue', s.queue.depth + ' records'], ['Sync', s.sync.state]];
      const dl = document.getElementById('status');
      for (const [k, v] of rows) {
        const dt = document.createElement('dt'); dt.textContent = k;
        const dd = document.createElement('dd'); dd.textContent = v;
        dl.append(dt, dd);
      }
    });
    </script>
    </body>
    </html>
    """
}
