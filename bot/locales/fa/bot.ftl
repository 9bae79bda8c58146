# متن رابط کاربری به فارسی. HTML تلگرام: فقط <b> <i> <a> <code>؛
# آرگومان‌ها را کد escape می‌کند، پس هرگز $متغیر را داخل attribute نگذارید.
# واژه‌ها و قواعد نگارش: docs/persian-glossary.md (یک واژه برای هر مفهوم؛ «ربات»، «گام»).

friend = دوست عزیز

## شروع (/start)
welcome =
    👋 سلام { $name }! من راهنمای شما در <b>نقشه راه مهندس بک‌اند پایتون</b> هستم.

    هر بار یک منبع برایتان می‌فرستم (کتاب، دوره، پلتفرم یا مستندات)؛ از الگوریتم و پایتون تا فریم‌ورک‌های وب و پروژه‌های عملی. یادم می‌ماند تا کجا پیش رفته‌اید و اگر بخواهید، هر هفته یادتان می‌اندازم.
onboarding-material = <b>منابع به چه زبانی باشند؟</b> اگر موضوعی منبعی به زبان شما نداشته باشد، خبرتان می‌کنم و منابع زبان دیگر را پیشنهاد می‌دهم.
onboarding-start = <b>از کجا شروع کنیم؟</b> اگر مقدمات را بلدید، از جلوتر شروع کنید؛ هر وقت خواستید، از /roadmap می‌توانید برگردید.
onboarding-done = ✅ همه‌چیز آماده است! این هم اولین منبع شما. هر وقت خواستید به آن برگردید، /next را بفرستید.
welcome-back = 👋 دوباره خوش آمدید، { $name }! از همان‌جایی که بودید ادامه می‌دهیم.
start-beginning = 🌱 از اول
start-level = { $topic }

## کارت مطالعه (/next)
place = 📍 { $step } · { $topic }
step-title = گام { $number }: { $title }
step-title-unnumbered = { $title }
resource-details = { $kind } · { $language } · { $price }
resource-added = <i>➕ این منبع را ویراستاران ربات اضافه کرده‌اند (در نقشه راه اصلی نیست).</i>
progress-line = پیشرفت: { $resolved } از { $total } منبع مسیر شما ({ $percent }٪)
progress-line-elective = { $topic } (گام عملی): { $resolved } از { $total } ({ $percent }٪)
progress-line-parts = { $line }: { $parts }
progress-open-choice = ➕ به‌علاوه‌ی فریم‌ورکی که هنوز باید انتخاب کنید
count-done = ✅ { $count } انجام‌شده
count-skipped = ⏭ { $count } ردشده
count-started = ⏳ { $count } در حال مطالعه
count-unneeded = ☑️ { $count } لازم نیست
count-none = هنوز هیچ‌کدام
list-separator = {"، "}
milestone-step = 🎉 <b>{ $step } را تمام کردید!</b>
milestone-elective = 🎉 <b>{ $topic } را تمام کردید!</b>
resource-also = نسخه‌ی { $language } هم دارد: { $link }
resource-started = ⏳ <i>در حال مطالعه‌ی این منبع هستید.</i>
also-in-progress = ⏳ این منابع هم در حال مطالعه‌اند: { $titles }. هر کدام را تمام کردید، در /progress «انجام شد» را بزنید.
and-more = { $count } منبع دیگر
started-notice = ⏳ ثبت شد که <b>{ $title }</b> را شروع کرده‌اید. تا تمامش کنید، این هم منبع بعدی؛ هر چه را شروع کرده‌اید در /progress می‌بینید.
framework-choose = <b>فقط یک فریم‌ورک انتخاب کنید</b> و فقط با همان پیش بروید. بعداً هم از /roadmap می‌توانید عوضش کنید.
framework-has-persian = { $name } · منبع فارسی
chosen = { $label } ✓
electives-choose = <b>یک گام عملی انتخاب کنید</b>؛ ترتیب مهم نیست: هر کدام که برایتان جالب است یا پروژه‌تان به آن نیاز دارد.
elective-option = { $name } · ✅{ $done } ⏭{ $skipped }{ $unneeded ->
        [0] {""}
       *[other] {" "}☑️{ $unneeded }
    } / { $total }
finished =
    🏁 <b>کل نقشه راه را تمام کردید</b>: همه‌ی گام‌ها از اول تا آخر و همه‌ی گام‌های عملی ({ $counts }). دست‌مریزاد!

    مسیری را که آمدید در /progress ببینید؛ برای شروع دوباره، /reset را بفرستید.
finished-path =
    🏁 <b>به آخر مسیرتان رسیدید</b> ({ $counts })، ولی نه به آخر نقشه راه: مسیر شما از بعد از { $steps } شروع شده و آن‌جا هنوز منابعی برایتان مانده است.

    می‌توانید برگردید و آن‌ها را هم بخوانید، یا کل نقشه را در /roadmap ببینید.

kind-book = کتاب
kind-video = ویدیو
kind-platform = پلتفرم
kind-docs = مستندات
kind-link = لینک
kind-course = دوره
kind-website = وب‌سایت
kind-tutorial = آموزش
kind-article = مقاله
kind-repository = مخزن کد
kind-list = فهرست منتخب
kind-template = قالب پروژه
language-en = انگلیسی
language-fa = فارسی
language-both = انگلیسی و فارسی
language-any = هر زبانی

button-open = 📖 باز کردن
button-done = ✅ انجام شد
button-skip = ⏭ رد شدن
button-skip-topic = ⏩ رد شدن از موضوع
button-language = 🌐 زبان
button-roadmap = 🗺 نقشه راه
button-map = 🖼 نقشه‌ی من
button-continue = ▶️ ادامه
button-back = ⬅️ بازگشت
button-back-roadmap = ⬅️ نقشه راه
button-show-other = نمایش منابع { $language }
button-change-framework = 🔀 تغییر فریم‌ورک
button-pick-elective = 🧪 گام‌های عملی
button-start-here = 📍 از همین‌جا شروع کنم
button-started = ⏳ شروع کردم
button-undo = ↩️ برگرداندن
button-go-back = ⏮ برگشت به { $step }
button-revisit = 📖 حالا بخوانم: { $title }
button-unskip = ↩️ برگرداندن { $count } منبع ردشده
button-finish-started = ✅ انجام شد: { $title }

toast-done = ✅ ثبت شد: انجام‌شده
toast-skipped = ⏭ رد شد
toast-topic-skipped = ⏩ از این موضوع رد شدید
toast-framework = 👍 فریم‌ورک انتخاب شد
toast-start-here = 📍 حالا مسیرتان از این‌جا شروع می‌شود
toast-saved = ذخیره شد
toast-reset = پیشرفت پاک شد
toast-started = ⏳ ثبت شد: در حال مطالعه
toast-undone = ↩️ برگردانده شد
toast-revisit = 📖 برگشت به مسیرتان
toast-unskipped = ↩️ منابع ردشده برگشتند
start-here-skipped = از این‌جا به بعد { $count } منبع را رد کرده‌اید. دوباره به مسیرتان برگردند؟

button-invalid = این دکمه دیگر کار نمی‌کند (شاید مال نسخه‌ی قدیمی‌تر ربات باشد). برای ادامه، /next را بفرستید.
button-stale = آن مورد دیگر در نقشه راه نیست. این هم جایی که الان هستید:

## /roadmap
roadmap-title = 🗺 <b>{ $title }</b>
roadmap-position = الان این‌جا هستید: { $step }
roadmap-position-done = گام‌های اصلی را تمام کرده‌اید.
roadmap-tally = { $counts } (از مجموع { $total })
roadmap-choose-framework = اول یک فریم‌ورک انتخاب کنید
roadmap-nothing = این‌جا چیزی در مسیر شما نیست
roadmap-before-start = قبل از نقطه‌ی شروع شما
roadmap-framework = فریم‌ورک: { $name }
roadmap-no-framework = هنوز انتخاب نشده
roadmap-electives = ترتیب دلخواه
step-no-material = <i>این‌جا هنوز منبع { $language } نیست.</i>

## /progress
progress-title = 📊 <b>پیشرفت شما</b>
progress-summary = در مسیر شما: { $done } منبع انجام‌شده، { $skipped } ردشده{ $unneeded ->
        [0] {""}
       *[other] ، { $unneeded } «لازم نیست»
    } و { $left } باقی‌مانده ({ $percent }٪)
progress-in-progress = <b>⏳ در حال مطالعه</b>
progress-electives = <b>گام‌های عملی</b> (جداگانه حساب می‌شوند)
progress-elective = • { $name }: { $counts } (از مجموع { $total })
progress-rule = <i>درصد یعنی سهم منابع انجام‌شده، ردشده یا «لازم نیست» از کل منابع مسیر شما، رو به پایین گرد شده. اثری که به دو زبان هست یک بار حساب می‌شود؛ موضوعی که منبعی به زبان شما ندارد با منابع زبان دیگرش حساب می‌شود؛ با «فقط منابع رایگان»، منابع پولی جزو مسیر شما نیستند. «لازم نیست» یعنی بقیه‌ی منابع موضوعی که گفته‌اید بلدید. گام‌های عملی، و منابعی که بعد از گذشتن شما از یک گام به آن اضافه شده‌اند، جداگانه حساب می‌شوند.</i>
progress-streak = { $weeks ->
        [0] 🔥 هنوز هفته‌ی فعالی ندارید: یک منبع را «انجام شد»، «شروع کردم» یا «رد شدن» بزنید تا زنجیره‌تان شروع شود.
       *[other] 🔥 زنجیره: { $weeks } هفته‌ی فعال پشت سر هم
    }
progress-settings = زبان منابع: { $material } · فریم‌ورک: { $framework } · { $price }

## the map picture (/progress → Map): the legend, the caption, the toast of an update
map-done = انجام‌شده
map-started = در حال مطالعه
map-skipped = ردشده
map-unneeded = لازم نیست
map-left = باقی‌مانده
map-here = شما این‌جا هستید
map-caption = 🗺 در مسیر شما: { $done } انجام‌شده، { $skipped } ردشده{ $unneeded ->
        [0] {""}
       *[other] ، { $unneeded } «لازم نیست»
    } و { $left } باقی‌مانده{ $started ->
        [0] {""}
       *[other] {" "}(که { $started } تا در حال مطالعه است)
    } · { $percent }٪
map-updated = 🗺 نقشه‌ی بالا به‌روز شد.

## /language
language-current = 🌐 زبان منابع شما: <b>{ $material }</b>
language-choose = منابع به چه زبانی باشند؟
language-saved = ✅ ذخیره شد.
button-material-en = 🇬🇧 انگلیسی (English)
button-material-fa = 🇮🇷 فارسی
button-material-both = 🌐 هر دو

button-ui-en = 🔤 English
button-ui-fa = 🔤 فارسی
button-ui-menu = 🔤 زبان ربات
interface-choose = 🔤 <b>زبان ربات</b>: پیام‌ها و دکمه‌های خود ربات به چه زبانی باشند؟ (زبان منابع را با دکمه‌های دیگر انتخاب می‌کنید.)
interface-hint = <i>🔤 دکمه‌ی «زبان ربات» زبان پیام‌ها و دکمه‌های خود ربات را عوض می‌کند، نه زبان منابع را.</i>

## یادآوری هفتگی (/reminders)
reminders-title = ⏰ <b>یادآوری هفتگی</b>
reminder-on = یادآوری <b>روشن</b> است.
reminder-off = یادآوری <b>خاموش</b> است.
reminder-schedule = هر { $weekday } ساعت { $time } ({ $zone })
reminder-next = یادآوری بعدی: { $when }
reminder-when = { $weekday } { $day } { $month }، ساعت { $time }
reminder-pick-day = چه روزی از هفته؟
reminder-pick-hour = چه ساعتی؟ (به وقت { $zone })
reminder-pick-zone = منطقه‌ی زمانی فعلی شما <b>{ $zone }</b> است. منطقه‌ی خودتان را انتخاب کنید یا اسمش را بنویسید.
reminder-type-zone = اسم منطقه‌ی زمانی‌تان را به انگلیسی بنویسید، مثل <code>Asia/Tehran</code>، <code>Europe/Berlin</code> یا <code>America/New_York</code>.
reminder-zone-set = ✅ منطقه‌ی زمانی ثبت شد: { $zone }
reminder-zone-set-off = ✅ منطقه‌ی زمانی ثبت شد: { $zone }. یادآوری هنوز <b>خاموش</b> است؛ هر وقت خواستید، با دکمه‌های پایین روشنش کنید.
reminder-zone-unknown = ❌ منطقه‌ی زمانی «{ $typed }» را نمی‌شناسم. یکی را از پایین انتخاب کنید یا اسمی مثل <code>Asia/Tehran</code> بنویسید.
reminder-saved = ✅ ذخیره شد. یادآوری بعدی: { $when }
reminder-saved-off = ✅ ذخیره شد. یادآوری هنوز <b>خاموش</b> است؛ هر وقت خواستید، با دکمه‌های پایین روشنش کنید.
reminder-stopped = 🔕 یادآوری خاموش شد. هر وقت خواستید، از همین‌جا یا با /reminders دوباره روشنش کنید.
reminder-snoozed = 😴 یادآوری یک هفته به تعویق افتاد. یادآوری بعدی: { $when }
reminder-already-snoozed = 😴 یادآوری قبلاً به تعویق افتاده است. یادآوری بعدی: { $when }
reminder-snooze-off = 🔕 یادآوری خاموش است، پس چیزی به تعویق نیفتاد. اگر یادآوری می‌خواهید، با دکمه‌های پایین روشنش کنید.
button-reminders-on = 🔔 روشن کن
button-reminders-off = 🔕 خاموش کن
button-reminder-day = 📅 روز
button-reminder-hour = 🕘 ساعت
button-reminder-zone = 🌍 منطقه‌ی زمانی
button-reminder-type-zone = ⌨️ نوشتن اسم منطقه
button-snooze = 😴 یک هفته تعویق
button-stop-reminders = 🔕 خاموش کردن یادآوری
onboarding-reminder = ⏰ <b>هر هفته یادتان بیندازم؟</b> یک پیام کوتاه با منبع بعدی‌تان. (منطقه‌ی زمانی: { $zone }؛ همه‌ی این‌ها را بعداً با /reminders می‌توانید عوض کنید.)
button-onboard-remind-yes = ✅ بله، { $weekday }‌ها ساعت { $time }
button-onboard-remind-custom = 🛠 بله، زمانش را خودم انتخاب می‌کنم
button-onboard-remind-no = نه، ممنون
onboarding-reminder-custom = 👍 یادآوری روشن شد. روز، ساعت و منطقه‌ی زمانی را انتخاب کنید و بعد «ادامه» را بزنید.
onboarding-done-reminder = ✅ همه‌چیز آماده است! یادآوری بعدی: { $when } ({ $zone }). این هم اولین منبع شما.
nudge-title = ⏰ <b>وقت مطالعه است، { $name }!</b>
nudge-next = الان این‌جا هستید: { $place } · { $topic }. منبع بعدی: <b>{ $title }</b>.
nudge-at = الان این‌جا هستید: { $place } · { $topic }.
nudge-choice = در نقشه راه یک انتخاب منتظر شماست.
nudge-finished = 🏁 کل نقشه راه را تمام کرده‌اید. مسیری را که آمدید در /progress ببینید.
nudge-finished-path = 🏁 به آخر مسیرتان رسیده‌اید؛ گام‌های قبل از نقطه‌ی شروع شما هنوز در /roadmap منتظرتان هستند.
nudge-in-progress = ⏳ هنوز در حال مطالعه: { $titles }. هر کدام را تمام کردید، در /progress «✅ انجام شد» را بزنید.
toast-snoozed = 😴 به تعویق افتاد
toast-already-snoozed = 😴 قبلاً به تعویق افتاده
toast-reminders-off = 🔕 یادآوری خاموش است

## Spaced review: the nudge asks about a topic finished 1, 4 and 12 weeks ago
review-question = 🧠 مرور: <b>{ $topic }</b> هنوز یادتان هست؟
button-review-yes = 👍 بله
button-review-open = 📖 دوباره باز کن
button-review-stop = 🔕 دیگر مرور نپرس
review-thanks = 👍 ثبت شد: <b>{ $topic }</b> هنوز یادتان هست.
toast-review-noted = ثبت شد
reminder-review-on = 🧠 پرسش‌های مرور: روشن (هر موضوعی را که تمام کنید، یک، چهار و دوازده هفته بعد دوباره از شما می‌پرسم)
reminder-review-off = 🧠 پرسش‌های مرور: خاموش
button-review-on = 🧠 روشن کردن پرسش‌های مرور
button-review-off = 🧠 خاموش کردن پرسش‌های مرور
review-stopped = 🔕 دیگر پرسش مرور نمی‌فرستم. هر وقت خواستید، از همین‌جا یا با /reminders دوباره روشنش کنید.
review-started = 🧠 پرسش‌های مرور روشن شد: یادآوری هفتگی درباره‌ی موضوع‌هایی که تمام کرده‌اید می‌پرسد.

menu-reminders = یادآوری هفتگی: روز، ساعت، منطقه‌ی زمانی
weekday-0 = دوشنبه
weekday-1 = سه‌شنبه
weekday-2 = چهارشنبه
weekday-3 = پنج‌شنبه
weekday-4 = جمعه
weekday-5 = شنبه
weekday-6 = یک‌شنبه
month-1 = ژانویه
month-2 = فوریه
month-3 = مارس
month-4 = آوریل
month-5 = مه
month-6 = ژوئن
month-7 = ژوئیه
month-8 = اوت
month-9 = سپتامبر
month-10 = اکتبر
month-11 = نوامبر
month-12 = دسامبر

## /reset
reset-confirm = ⚠️ <b>از نو شروع کنیم؟</b> همه‌ی پیشرفت شما پاک می‌شود: { $done } منبع انجام‌شده، { $skipped } ردشده، { $started } در حال مطالعه{ $unneeded ->
        [0] {""}
       *[other] ، { $unneeded } «لازم نیست»
    }{ $topics ->
        [0] {""}
       *[other] ، { $topics } موضوعی که منابع زبان دیگرش را قبول کرده بودید
    }{ $framework ->
        [0] {""}
       *[other] ، فریم‌ورکی که انتخاب کرده‌اید
    } و نقطه‌ی شروعتان. تنظیمات زبان و یادآوری سر جایشان می‌مانند.
button-reset-yes = 🗑 بله، از نو شروع کن
button-reset-no = انصراف
reset-done = 🗑 از نو شروع کردیم. این‌ها پاک شد: { $done } منبع انجام‌شده، { $skipped } ردشده، { $started } در حال مطالعه{ $unneeded ->
        [0] {""}
       *[other] ، { $unneeded } «لازم نیست»
    }{ $topics ->
        [0] {""}
       *[other] ، { $topics } موضوعی که منابع زبان دیگرش را قبول کرده بودید
    }{ $notes ->
        [0] {""}
       *[other] ، { $notes } یادداشت
    }.
reset-notes-kept = 📝 { $count } یادداشتتان سر جایش ماند.
reset-notes-ask = 📝 { $count } یادداشت هم دارید. نگهشان داریم یا آن‌ها هم پاک شوند؟
button-reset-keep-notes = 🗑 از نو شروع کن، یادداشت‌ها بمانند
button-reset-delete-notes = 🗑 از نو شروع کن و یادداشت‌ها را هم پاک کن
reset-cancelled = 👌 چیزی تغییر نکرد.

## /help
help =
    🤖 <b>ربات نقشه راه بک‌اند پایتون</b>

    منبع‌به‌منبع در نقشه راه مهندس بک‌اند پایتون همراهتان هستم و یادم می‌ماند تا کجا پیش رفته‌اید. در گام ۲ فقط یک فریم‌ورک وب انتخاب می‌کنید؛ گام‌های عملی آخر را هم به هر ترتیبی که بخواهید می‌توانید بروید.
help-commands =
    /next: منبع بعدی شما
    /roadmap: کل نقشه راه با پیشرفت شما
    /progress: انجام‌شده، ردشده و باقی‌مانده؛ 🖼 تصویر نقشه‌ی شما؛ 🗓 برنامه‌ی مطالعه و تاریخ پایان مسیرتان
    /notes: یادداشت‌های شما روی منابع (روی کارت منبع «📝 یادداشت» را بزنید یا به همان کارت پاسخ دهید)
    /reminders: یادآوری هفتگی شما، و پرسش‌های مرور درباره‌ی موضوع‌هایی که تمام کرده‌اید
    /language: انگلیسی، فارسی یا هر دو
    /reset: شروع از نو (اول می‌پرسد)
    /start: خوش‌آمد و تنظیمات اولیه
    /forget: پاک کردن همه‌ی اطلاعاتی که از شما دارم (اول می‌پرسد)
    /help: همین راهنما

    <b>پیشرفت چطور حساب می‌شود</b>: مسیر شما از جایی شروع می‌شود که خودتان انتخاب کردید، به زبانی که برای منابع برگزیدید و با فریم‌ورکی که انتخاب کردید. با «فقط منابع رایگان»، منابع پولی جزو مسیر شما نیستند. درصد یعنی سهم منابعی که «انجام شد» یا «رد شدن» را برایشان زده‌اید یا «لازم نیست» شده‌اند، از کل منابع مسیرتان، رو به پایین گرد شده؛ پس ۱۰۰٪ یعنی چیزی نمانده است. هر موضوع معمولاً چند منبع جایگزین دارد و لازم نیست همه را بخوانید: با «🎓 این موضوع را بلدم» بقیه «لازم نیست» می‌شوند (نه انجام‌شده، نه ردشده). «⏳ شروع کردم» منبع را در حال مطالعه نگه می‌دارد و شما به منبع بعدی می‌روید. گام‌های عملی جداگانه حساب می‌شوند؛ منابعی هم که بعد از گذشتن شما از یک گام به آن اضافه شده‌اند (منابع تازه) جداگانه حساب می‌شوند و شما را به عقب برنمی‌گردانند.

    <b>منبع محتوا</b>: این نقشه راه همان <a href="https://github.com/DjangoEx/python-engineer-roadmap">Python Backend Engineer Roadmap</a> از DjangoEx است (با مجوز Apache 2.0)، به‌همراه منابعی که ویراستاران این ربات اضافه کرده‌اند.

## بقیه
unknown-command = دستور { $command } را نمی‌شناسم. برای منبع بعدی /next و برای راهنما /help را بفرستید.
free-text = من فقط با دستورها و دکمه‌ها کار می‌کنم. برای منبع بعدی /next و برای راهنما /help را بفرستید.
unsupported-message = من فقط پیام متنی را می‌فهمم. برای منبع بعدی /next و برای راهنما /help را بفرستید.
group-only-private = من راهنمای مطالعه‌ی شخصی‌ام؛ لطفاً در چت خصوصی با { $bot } با من حرف بزنید.
error-generic = متأسفم، مشکلی پیش آمد. لطفاً کمی بعد دوباره امتحان کنید.

## منوی دستورها
menu-next = منبع بعدی شما
menu-roadmap = کل نقشه راه و پیشرفت شما
menu-progress = انجام‌شده و باقی‌مانده، تصویر نقشه، برنامه‌ی مطالعه
menu-language = زبان منابع: انگلیسی، فارسی یا هر دو
menu-reset = شروع از نو
menu-help = این ربات چه کار می‌کند
menu-start = خوش‌آمد و تنظیمات اولیه

## قیمت، موضوع‌های چندمنبعی، منابع تازه
price-free = 🆓 رایگان
price-paid = 💰 پولی
price-unknown = ❔ قیمت نامعلوم
price-hint = 🆓 <b>فقط منابع رایگان؟</b> در این صورت کتاب‌ها و دوره‌های پولی از مسیر و درصد پیشرفت شما کنار می‌روند. روی هر کارت نوشته شده که منبع رایگان است یا پولی.
button-free-only-off = 🆓 فقط منابع رایگان: خاموش
button-free-only-on = 🆓 فقط منابع رایگان: روشن ✓
price-saved-free = ✅ فقط منابع رایگان: منابع پولی از مسیر و درصد پیشرفت شما کنار رفتند.
price-saved-all = ✅ منابع رایگان و پولی هر دو در مسیر شما هستند.
price-choice-free = فقط منابع رایگان
price-choice-all = رایگان و پولی
resource-earlier = 📗 ویراست قبلی: { $link }
resource-extra = 🆕 <i>این منبع بعد از گذشتن شما از { $step } به آن اضافه شده است: منبعی تازه که جلوی پیشرفتتان را نمی‌گیرد.</i>
resource-alternatives = 📚 <i>یکی از { $count } منبع این موضوع است و لازم نیست همه را بخوانید. هر وقت موضوع را یاد گرفتید، «🎓 این موضوع را بلدم» را بزنید.</i>
button-know-topic = 🎓 این موضوع را بلدم
button-topic = 📚 هر { $count } منبع این موضوع
button-study = ▶️ { $title }
known-notice = 🎓 <b>{ $topic }</b> را بلدید. بقیه‌ی منابعش لازم نیست (نه انجام‌شده، نه ردشده).
toast-known = 🎓 ثبت شد: این موضوع را بلدید
topic-empty = این‌جا منبعی با زبان و قیمتی که انتخاب کرده‌اید نیست.
topic-paid-hidden = 💰 { $count } منبع پولی نشان داده نمی‌شود، چون فقط منابع رایگان را خواسته‌اید (/language).
topic-know-hint = هر کدام را خواستید بخوانید. هر وقت موضوع را یاد گرفتید، «🎓 این موضوع را بلدم» را بزنید تا بقیه «لازم نیست» شوند.
roadmap-extra = {" "}🆕
progress-extras = <b>🆕 منابع تازه در گام‌هایی که از آن‌ها گذشته‌اید</b> (جداگانه حساب می‌شوند)
progress-extra = • { $step }: { $counts } (از مجموع { $total })
progress-grown = 🆕 نقشه راه از وقتی شروع کردید بزرگ‌تر شده است: { $count } منبع از مسیر شما تازه است و همه‌ی سوابقتان سر جایش مانده{ $extras ->
        [0] .
       *[other] ؛ { $extras } تا از آن‌ها به گام‌هایی اضافه شده‌اند که از آن‌ها گذشته بودید و جداگانه حساب می‌شوند.
    }
