extension SubjectAccessWords {
    /// The copy in Persian: Persian letters (ی and ک, never the Arabic look-alikes), the
    /// kiosk's own words for fingers and reasons, numbers in Persian digits (filled in by
    /// `SubjectAccessWords`, never written here as ASCII digits).
    static let persian: [SubjectAccessWord: String] = [
        .title: "آنچه دفتر مرکزی دربارهٔ شما نگه می‌دارد: پروندهٔ {reference}",
        .intro: "این نسخه در {time} به درخواست شما تهیه شد. همهٔ آنچه پروندهٔ ثبت‌نام شما در بر دارد در آن آمده است، "
            + "جز آنچه در پایان زیر عنوان «آنچه در این نسخه نیست» آمده است.",
        .recordID: "شناسهٔ پرونده: {id} (کد پیگیری {reference} هشت رقم پایانی آن است)",
        .moment: "{date}، ساعت {time} به وقت جهانی (UTC)",
        .momentZoned: "{date}، ساعت {time} ({zone})",
        .listSeparator: "، ",
        .headingWhenWhere: "زمان و مکان",
        .enrolled: "ثبت‌نام: {enrolled} (آغاز جلسه: {started}).",
        .kioskLabelled: "کیوسک: {label}، دستگاه {device}",
        .kioskUnlabelled: "کیوسک: دستگاه {device}",
        .received: "دریافت در دفتر مرکزی: {time}",
        .chainPlace: "جایگاه در زنجیرهٔ پرونده‌های آن کیوسک: {position}",
        .headingConsent: "رضایت شما",
        .headingDetails: "اطلاعاتی که دادید",
        .noDetails: "هیچ اطلاعاتی ثبت نشده است.",
        .headingFingers: "انگشت‌ها",
        .noFingerAsked: "اثر هیچ انگشتی خواسته نشد.",
        .fingerTaken: "{finger}: گرفته شد، {quality}",
        .fingerQuality: "امتیاز کیفیت {score} از {of}",
        .fingerNotScored: "بدون امتیاز کیفیت",
        .fingerImage: "؛ تصویر: {file}",
        .fingerNotTaken: "{finger}: گرفته نشد ({reason})",
        .fingerNoReason: "دلیلی ثبت نشده است",
        .fingerUnknown: "انگشت شمارهٔ {position}",
        .headingPhoto: "عکس",
        .photoHeld: "عکسی از چهرهٔ شما نگه داشته می‌شود: فایل {file} در همین پوشه؛ {quality}.",
        .photoQuality: "امتیاز کیفیت آن {score} از {of} است",
        .photoNotScored: "به کیفیت آن امتیازی داده نشد",
        .photoNotHeld: "عکسی نگه داشته نمی‌شود: {reason}.",
        .photoNotSet: "عکسی نگه داشته نمی‌شود: کیوسک برای گرفتن عکس تنظیم نشده بود.",
        .headingImages: "تصویرهای اثر انگشت",
        .headingTemplates: "الگوهای اثر انگشت",
        .heldCount: "{count} مورد نگه داشته می‌شود.",
        .heldCountFingers: "{count} مورد نگه داشته می‌شود ({fingers}).",
        .headingDuplicate: "بررسی ثبت‌نام تکراری",
        .headingLeftOut: "آنچه در این نسخه نیست",
        .closing: "می‌توانید با همین کد پیگیری بخواهید که این اطلاعات اصلاح شود یا پرونده پاک شود.",

        .imagesNone: "هیچ تصویری از اثر انگشت نگه داشته نمی‌شود.",
        .imagesIncluded: "هر تصویر اثر انگشت به صورت یک فایل PNG در همین پوشه است.",
        .imagesHeldNotIncluded: "تصویرهای اثر انگشت نگه داشته می‌شوند ولی در این نسخه نیستند: اگر نسخه‌ای گم شود، ممکن است از آن "
            + "برای ساختن اثر انگشت جعلی شما سوءاستفاده شود. اگر آن‌ها را می‌خواهید، از مسئول حفاظت از داده‌ها بخواهید؛ "
            + "می‌توانند حضوری به خود شما داده شوند.",
        .templatesNone: "هیچ الگوی اثر انگشتی نگه داشته نمی‌شود.",
        .templatesExplained: "الگو چیزی است که رایانه برای مقایسهٔ اثر انگشت‌ها از تصویر اثر انگشت اندازه گرفته است: جا و جهت "
            + "نقطه‌هایی که خط‌های پوست در آن‌ها تمام می‌شوند یا دو شاخه می‌شوند، به صورت عدد. الگو تصویر نیست و هیچ چیز دیگری "
            + "دربارهٔ شما در آن نیست؛ اگر چاپ شود، فهرستی از عددهاست که برای هیچ کس معنایی ندارد، پس در این نسخه نیامده است. "
            + "الگو از تصویرهای همان انگشت‌ها ساخته شده است و همراه آن‌ها پاک می‌شود.",
        .leftOutStaff: "حساب کارمندی که ثبت‌نام را انجام داد: این حساب یکی از کارکنان را نشان می‌دهد، نه شما را.",
        .leftOutCandidates: "شناسهٔ پرونده‌های افراد دیگری که بررسی تکراری آن‌ها را شبیه یافت: این‌ها دربارهٔ افراد دیگرند.",
        .leftOutTemplates: "خود الگوهای اثر انگشت (بالاتر را ببینید).",
        .leftOutImages: "تصویرهای اثر انگشت (بالاتر را ببینید).",
        .consentGranted: "شما با متن رضایت‌نامه موافقت کردید",
        .consentGuardian: "پدر، مادر یا سرپرست شما به جای شما با متن رضایت‌نامه موافقت کرد",
        .consentRefused: "طبق پرونده، متن رضایت‌نامه پذیرفته نشد",
        .consentSentence: "{who}؛ نسخهٔ متن: {version}؛ {said}.",
        .consentInLanguage: "متن به زبان «{language}» نشان داده شد",
        .consentLanguageUnknown: "پرونده نمی‌گوید متن به چه زبانی نشان داده شد (کیوسک این را در دفتر رویدادهای خودش ثبت کرده است)",
        .exceptionMissing: "انگشت وجود ندارد (از دست رفته یا از بدو تولد نبوده است)",
        .exceptionBandaged: "باندپیچی یا در گچ",
        .exceptionScarred: "آسیب‌دیده یا دارای زخم",
        .exceptionUnable: "گرفتن آن ممکن نشد",
        .exceptionDeclined: "ترجیح دادید آن را ندهید",
        .duplicateNone: "اثر انگشت‌های شما با اثر انگشت کسانی که پیش‌تر ثبت‌نام کرده بودند مقایسه شد؛ کسی شبیه شما پیدا نشد.",
        .duplicateSimilarOne: "یک پروندهٔ قبلی شبیه یافت شد",
        .duplicateSimilarMany: "{count} پروندهٔ قبلی شبیه یافت شد",
        .duplicateConfirmedNew: "اثر انگشت‌های شما با اثر انگشت کسانی که پیش‌تر ثبت‌نام کرده بودند مقایسه شد؛ {similar} و کارکنان "
            + "تشخیص دادند که شما پیش‌تر ثبت‌نام نکرده بودید.",
        .duplicateConfirmedSame: "اثر انگشت‌های شما با اثر انگشت کسانی که پیش‌تر ثبت‌نام کرده بودند مقایسه شد؛ {similar} و کارکنان "
            + "تشخیص دادند که یکی از آن‌ها شما هستید.",
        .duplicateNotChecked: "در کیوسک مقایسه‌ای با کسانی که پیش‌تر ثبت‌نام کرده بودند انجام نشد.",
        .duplicateForReview: "اثر انگشت‌های شما با اثر انگشت کسانی که پیش‌تر ثبت‌نام کرده بودند مقایسه شد؛ {similar} و بررسی آن "
            + "به دفتر مرکزی سپرده شد.",

        .rightThumb: "شست دست راست", .rightIndex: "انگشت اشارهٔ دست راست", .rightMiddle: "انگشت میانی دست راست",
        .rightRing: "انگشت حلقهٔ دست راست", .rightLittle: "انگشت کوچک دست راست",
        .leftThumb: "شست دست چپ", .leftIndex: "انگشت اشارهٔ دست چپ", .leftMiddle: "انگشت میانی دست چپ",
        .leftRing: "انگشت حلقهٔ دست چپ", .leftLittle: "انگشت کوچک دست چپ",
    ]
}
