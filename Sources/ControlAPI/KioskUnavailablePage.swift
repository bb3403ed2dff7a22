/// What the kiosk screen shows when the UI folder could not be loaded at start-up: a plain
/// page, in Persian (the deployment's default) and English, telling staff whom to call.
/// No script and no inline style, so the strict policy applies to it as to the UI.
enum KioskUnavailablePage {
    static let html = """
    <!doctype html>
    <html lang="fa" dir="rtl">
    <head><meta charset="utf-8"><title>enrolld</title></head>
    <body>
    <h1>صفحهٔ ثبت‌نام در دسترس نیست</h1>
    <p>سرویس در حال اجراست، اما فایل‌های صفحهٔ کیوسک نصب نشده‌اند. لطفاً به پشتیبانی فنی خبر دهید.</p>
    <p lang="en" dir="ltr">The enrollment screen is not available: the service is running, but the kiosk
    UI files are not installed. Please call technical support (journalctl -u enrolld says where
    they were looked for).</p>
    </body>
    </html>

    """
}
