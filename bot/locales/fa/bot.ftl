# متن رابط کاربری به فارسی. HTML تلگرام: فقط <b> <i> <a> <code>؛
# آرگومان‌ها را کد escape می‌کند، پس هرگز $متغیر را داخل attribute نگذارید.

friend = دوست من

## شروع (/start)
welcome =
    👋 سلام { $name }! من راهنمای شما در <b>نقشه راه مهندس بک‌اند پایتون</b> هستم.

    هر بار یک منبع به شما می‌دهم (کتاب، دوره، پلتفرم، مستندات)، از الگوریتم و پایتون تا فریم‌ورک‌های وب و پروژه‌های عملی. یادم می‌ماند کجا هستید و می‌توانم هر هفته یادآوری کنم.
onboarding-material = <b>منابع به چه زبانی باشد؟</b> اگر موضوعی منبعی به زبان شما نداشته باشد، می‌گویم و زبان دیگر را پیشنهاد می‌کنم.
onboarding-start = <b>از کجا شروع کنیم؟</b> اگر مقدمات را بلدید، جلوتر بروید؛ همیشه می‌توانید از /roadmap برگردید.
onboarding-done = ✅ همه‌چیز آماده است! این اولین منبع شماست. هر وقت خواستید /next را بفرستید.
welcome-back = 👋 خوش برگشتید { $name }! این‌جا هستید.
start-beginning = 🌱 از اول
start-level = { $topic }

## کارت مطالعه (/next)
place = 📍 { $step } · { $topic }
step-title = گام { $number }: { $title }
step-title-unnumbered = { $title }
resource-details = { $kind } · { $language } · { $price }
resource-added = <i>➕ افزوده‌ی ویراستاران بات (در نقشه راه اصلی نیست).</i>
progress-line = پیشرفت: { $resolved } از { $total } در مسیر شما ({ $percent }٪)
progress-line-elective = { $topic } (گام عملی): { $resolved } از { $total } ({ $percent }٪)
progress-line-parts = { $line }: { $parts }
progress-open-choice = ➕ و یک فریم‌ورک که باید انتخاب کنید
count-done = ✅ { $count } انجام‌شده
count-skipped = ⏭ { $count } ردشده
count-started = ⏳ { $count } در حال مطالعه
count-unneeded = ☑️ { $count } لازم نیست
count-none = هنوز هیچ‌کدام
list-separator = {"، "}
milestone-step = 🎉 <b>{ $step } را تمام کردید!</b>
milestone-elective = 🎉 <b>{ $topic } را تمام کردید!</b>
resource-also = به { $language } هم هست: { $link }
resource-started = ⏳ <i>در حال مطالعه: این را شروع کرده‌اید.</i>
also-in-progress = ⏳ در حال مطالعه‌ی این‌ها هم هستید: { $titles }. از /progress می‌توانید تمامشان کنید.
and-more = { $count } منبع دیگر
started-notice = ⏳ <b>{ $title }</b> در حال مطالعه ثبت شد. تا آن را تمام کنید، این منبع بعدی است؛ /progress هر چه را شروع کرده‌اید نشان می‌دهد.
gap = این موضوع منبعی به { $wanted } ندارد. منبع به { $offered } دارد: می‌خواهید، یا از این موضوع بگذریم؟
framework-choose = <b>فقط یک فریم‌ورک انتخاب کنید</b> و فقط همان را دنبال کنید. بعداً از /roadmap می‌توانید عوضش کنید.
framework-has-persian = { $name } (فارسی)
chosen = { $label } ✓
electives-choose = <b>یک گام عملی انتخاب کنید</b>، به هر ترتیبی: هر چه برایتان جالب است یا پروژه‌تان لازم دارد.
elective-option = { $name } · ✅{ $done } ⏭{ $skipped }{ $unneeded ->
        [0] {""}
       *[other] {" "}☑️{ $unneeded }
    } / { $total }
finished =
    🏁 <b>کل نقشه راه را تمام کردید</b>: همه‌ی گام‌ها از ابتدا و همه‌ی گام‌های عملی ({ $counts }). عالی بود!

    /progress مسیرتان را نشان می‌دهد؛ /reset از نو شروع می‌کند.
finished-path =
    🏁 <b>به پایان مسیرتان رسیدید</b> ({ $counts })، اما نه به پایان نقشه راه: مسیر شما بعد از { $steps } شروع می‌شود و آن‌جا هنوز منابعی برایتان مانده است.

    برگردید و آن‌ها را بخوانید، یا همه‌چیز را در /roadmap ببینید.

kind-book = کتاب
kind-video = ویدیو
kind-platform = پلتفرم
kind-docs = مستندات
kind-link = پیوند
kind-course = دوره
kind-website = وب‌سایت
kind-tutorial = آموزش گام‌به‌گام
kind-article = مقاله
kind-repository = مخزن کد
kind-list = فهرست گزیده
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
button-continue = ▶️ ادامه
button-back = ⬅️ بازگشت
button-back-roadmap = ⬅️ نقشه راه
button-show-other = نمایش منابع { $language }
button-change-framework = 🔀 تغییر فریم‌ورک
button-pick-elective = 🧪 گام‌های عملی
button-start-here = 📍 از این‌جا بخوانم
button-started = ⏳ شروع کردم
button-undo = ↩️ برگرداندن
button-go-back = ⏮ برگشت به { $step }
button-revisit = 📖 حالا بخوانم: { $title }
button-unskip = ↩️ برگرداندن { $count } منبع ردشده
button-finish-started = ✅ تمام شد: { $title }

toast-done = ✅ انجام‌شده ثبت شد
toast-skipped = ⏭ رد شد
toast-topic-skipped = ⏩ از موضوع گذشتیم
toast-framework = 👍 فریم‌ورک انتخاب شد
toast-start-here = 📍 مسیر شما از این‌جا شروع می‌شود
toast-saved = ذخیره شد
toast-reset = پیشرفت پاک شد
toast-started = ⏳ در حال مطالعه ثبت شد
toast-undone = ↩️ برگردانده شد
toast-revisit = 📖 دوباره در مسیر شماست
toast-unskipped = ↩️ منابع ردشده برگشتند
start-here-skipped = از این‌جا به بعد { $count } منبع را رد کرده‌اید. به مسیرتان برگردند؟

button-invalid = این دکمه معتبر نیست (شاید از نسخه‌ی قدیمی بات باشد). برای ادامه /next را بفرستید.
button-stale = آن مورد دیگر در نقشه راه نیست: این‌جا هستید.

## /roadmap
roadmap-title = 🗺 <b>{ $title }</b>
roadmap-position = جای شما: { $step }
roadmap-position-done = گام‌های ترتیبی را تمام کرده‌اید.
roadmap-tally = { $counts } (از { $total })
roadmap-choose-framework = فریم‌ورکی انتخاب کنید
roadmap-nothing = در مسیر شما چیزی این‌جا نیست
roadmap-before-start = پیش از نقطه‌ی شروع شما
roadmap-framework = فریم‌ورک: { $name }
roadmap-no-framework = هنوز انتخاب نشده
roadmap-electives = به هر ترتیب
step-no-material = <i>هنوز منبعی به { $language } این‌جا نیست.</i>

## /progress
progress-title = 📊 <b>پیشرفت شما</b>
progress-summary = در مسیر شما: { $done } انجام‌شده، { $skipped } ردشده{ $unneeded ->
        [0] {""}
       *[other] ، { $unneeded } لازم نیست
    }، { $left } مانده ({ $percent }٪)
progress-in-progress = <b>⏳ در حال مطالعه</b>
progress-electives = <b>گام‌های عملی</b> (جدا شمرده می‌شوند)
progress-elective = • { $name }: { $counts } (از { $total })
progress-rule = <i>درصد = منابع انجام‌شده، ردشده یا «لازم نیست» از همه‌ی منابع مسیر شما، رو به پایین گرد شده (اثری که به دو زبان هست یک بار شمرده می‌شود؛ موضوعی که به زبان شما منبعی ندارد با منابع زبان دیگرش شمرده می‌شود؛ با «فقط رایگان» منابع پولی در مسیر شما نیستند). «لازم نیست» یعنی بقیه‌ی منابع موضوعی که گفتید بلدید. گام‌های عملی، و منابعی که بعد از گذشتن شما به گامی اضافه شده‌اند، جدا شمرده می‌شوند.</i>
progress-streak = { $weeks ->
        [0] 🔥 هنوز هفته‌ی فعالی ندارید: منبعی را انجام‌شده، شروع‌شده یا ردشده بزنید تا زنجیره شروع شود.
       *[other] 🔥 زنجیره: { $weeks } هفته‌ی فعال پشت سر هم
    }
progress-settings = زبان منابع: { $material } · فریم‌ورک: { $framework } · { $price }

## /language
language-current = 🌐 زبان منابع شما: <b>{ $material }</b>
language-choose = منابع به چه زبانی باشد؟
language-saved = ✅ ذخیره شد.
button-material-en = 🇬🇧 انگلیسی (English)
button-material-fa = 🇮🇷 فارسی
button-material-both = 🌐 هر دو

button-ui-en = 🔤 رابط: EN
button-ui-fa = 🔤 رابط: FA
interface-hint = <i>🔤 «رابط» زبان خود بات را عوض می‌کند.</i>

## یادآوری هفتگی (/reminders)
reminders-title = ⏰ <b>یادآوری هفتگی</b>
reminder-on = <b>روشن</b> است.
reminder-off = <b>خاموش</b> است.
reminder-schedule = هر { $weekday } ساعت { $time } ({ $zone })
reminder-next = بعدی: { $when }
reminder-when = { $weekday } { $day } { $month }، ساعت { $time }
reminder-pick-day = چه روزی از هفته؟
reminder-pick-hour = چه ساعتی؟ (به وقت { $zone })
reminder-pick-zone = منطقه‌ی زمانی شما <b>{ $zone }</b> است. منطقه‌ی خود را انتخاب کنید یا نامش را بنویسید.
reminder-type-zone = نام منطقه‌ی زمانی خود را بنویسید، مثل <code>Asia/Tehran</code>، <code>Europe/Berlin</code> یا <code>America/New_York</code>.
reminder-zone-set = ✅ منطقه‌ی زمانی ثبت شد: { $zone }
reminder-zone-set-off = ✅ منطقه‌ی زمانی ثبت شد: { $zone }. یادآوری هنوز <b>خاموش</b> است: هر وقت خواستید، از پایین روشنش کنید.
reminder-zone-unknown = ❌ «{ $typed }» منطقه‌ی زمانی‌ای نیست که بشناسم. یکی را از پایین انتخاب کنید یا نامی مثل <code>Asia/Tehran</code> بنویسید.
reminder-saved = ✅ ذخیره شد. یادآوری بعدی: { $when }
reminder-saved-off = ✅ ذخیره شد. یادآوری هنوز <b>خاموش</b> است: هر وقت خواستید، از پایین روشنش کنید.
reminder-stopped = 🔕 یادآوری خاموش شد. از همین‌جا یا با /reminders دوباره روشنش کنید.
reminder-snoozed = 😴 یک هفته به تعویق افتاد. یادآوری بعدی: { $when }
reminder-already-snoozed = 😴 از قبل به تعویق افتاده است. یادآوری بعدی: { $when }
reminder-snooze-off = 🔕 یادآوری خاموش است، پس چیزی به تعویق نیفتاد. اگر یادآوری می‌خواهید، از پایین روشنش کنید.
button-reminders-on = 🔔 روشن کن
button-reminders-off = 🔕 خاموش کن
button-reminder-day = 📅 روز
button-reminder-hour = 🕘 ساعت
button-reminder-zone = 🌍 منطقه‌ی زمانی
button-reminder-type-zone = ⌨️ نوشتن نام دیگر
button-snooze = 😴 تعویق یک هفته
button-stop-reminders = 🔕 توقف یادآوری
onboarding-reminder = ⏰ <b>هر هفته یادآوری کنم؟</b> یک پیام کوتاه با منبع بعدی شما. (منطقه‌ی زمانی: { $zone }؛ همه‌چیز را با /reminders می‌توانید تغییر دهید.)
button-onboard-remind-yes = ✅ بله، { $weekday }‌ها ساعت { $time }
button-onboard-remind-custom = 🛠 بله، زمانش را خودم انتخاب می‌کنم
button-onboard-remind-no = نه، ممنون
onboarding-reminder-custom = 👍 یادآوری روشن شد. روز، ساعت و منطقه‌ی زمانی را انتخاب کنید و بعد «ادامه» را بزنید.
onboarding-done-reminder = ✅ همه‌چیز آماده است! { $when } ({ $zone }) یادآوری می‌کنم. این اولین منبع شماست.
nudge-title = ⏰ <b>وقت مطالعه است، { $name }!</b>
nudge-next = جای شما: { $place } · { $topic }. منبع بعدی: <b>{ $title }</b>.
nudge-at = جای شما: { $place } · { $topic }.
nudge-choice = در نقشه راه یک انتخاب منتظر شماست.
nudge-finished = 🏁 کل نقشه راه را تمام کرده‌اید. /progress مسیرتان را نشان می‌دهد.
nudge-finished-path = 🏁 به پایان مسیرتان رسیده‌اید؛ گام‌های پیش از نقطه‌ی شروع شما هنوز در /roadmap منتظرند.
nudge-in-progress = ⏳ هنوز در حال مطالعه: { $titles }. وقتی تمام شد، در /progress دکمه‌ی ✅ را بزنید.
toast-snoozed = 😴 به تعویق افتاد
toast-already-snoozed = 😴 از قبل به تعویق افتاده
toast-reminders-off = 🔕 یادآوری خاموش است
menu-reminders = یادآوری هفتگی: روز، ساعت، منطقه‌ی زمانی
weekday-0 = دوشنبه
weekday-1 = سه‌شنبه
weekday-2 = چهارشنبه
weekday-3 = پنجشنبه
weekday-4 = جمعه
weekday-5 = شنبه
weekday-6 = یکشنبه
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
reset-confirm = ⚠️ <b>از نو شروع کنیم؟</b> همه‌ی پیشرفت شما پاک می‌شود: { $done } انجام‌شده، { $skipped } ردشده، { $started } در حال مطالعه{ $unneeded ->
        [0] {""}
       *[other] ، { $unneeded } لازم نیست
    }{ $topics ->
        [0] {""}
       *[other] ، { $topics } موضوع که زبان دیگرش را پذیرفته بودید
    }{ $framework ->
        [0] {""}
       *[other] ، فریم‌ورک انتخابی
    } و نقطه‌ی شروع. تنظیمات زبان و یادآوری می‌ماند.
button-reset-yes = 🗑 بله، از نو
button-reset-no = انصراف
reset-done = 🗑 پیشرفت شما پاک شد.
reset-cancelled = 👌 چیزی تغییر نکرد.

## /help
help =
    🤖 <b>بات نقشه راه بک‌اند پایتون</b>

    شما را منبع به منبع در نقشه راه مهندس بک‌اند پایتون پیش می‌برم و یادم می‌ماند کجا هستید. در گام ۲ فقط یک فریم‌ورک وب انتخاب می‌کنید؛ گام‌های عملی آخر را به هر ترتیبی می‌شود انجام داد.
help-commands =
    /next: منبع بعدی شما
    /roadmap: کل نقشه با پیشرفت شما
    /progress: انجام‌شده، ردشده و باقی‌مانده
    /reminders: یادآوری هفتگی شما
    /language: انگلیسی، فارسی یا هر دو
    /reset: شروع از نو (اول می‌پرسد)
    /start: خوشامد و تنظیمات
    /forget: پاک کردن همه‌ی اطلاعاتی که از شما دارم (اول می‌پرسد)
    /help: همین پیام

    <b>پیشرفت چطور شمرده می‌شود</b>: مسیر شما از جایی که برای شروع انتخاب کردید شروع می‌شود، به زبانی که برای منابع برگزیدید و با فریم‌ورکی که انتخاب کردید. با «فقط منابع رایگان» منابع پولی در مسیر شما نیستند. درصد یعنی منابعی که انجام‌شده یا ردشده زده‌اید یا لازم نیستند، از همه‌ی منابع مسیرتان، رو به پایین گرد شده؛ پس ۱۰۰٪ یعنی چیزی نمانده است. هر موضوع معمولاً چند منبع جایگزین دارد و لازم نیست همه را بخوانید: با «🎓 این موضوع را بلدم» بقیه «لازم نیست» می‌شوند (نه انجام‌شده، نه ردشده). «⏳ شروع کردم» منبع را در حال مطالعه نگه می‌دارد و شما ادامه می‌دهید. گام‌های عملی جدا شمرده می‌شوند؛ منابعی هم که بعد از گذشتن شما از یک گام به آن اضافه شده‌اند (منابع تازه) جدا شمرده می‌شوند و شما را به عقب برنمی‌گردانند.

    <b>منبع</b>: این نقشه راه همان <a href="https://github.com/DjangoEx/python-engineer-roadmap">Python Backend Engineer Roadmap</a> از DjangoEx است (با مجوز Apache 2.0)، به‌همراه منابعی که ویراستاران این ربات افزوده‌اند.

## بقیه
unknown-command = دستور { $command } را نمی‌شناسم. برای منبع بعدی /next و برای راهنما /help را بفرستید.
free-text = من با دستورها و دکمه‌ها کار می‌کنم. برای منبع بعدی /next یا برای راهنما /help را بفرستید.
unsupported-message = من فقط متن می‌خوانم. برای منبع بعدی /next یا برای راهنما /help را بفرستید.
group-only-private = من راهنمای مطالعه‌ی شخصی هستم: در گفت‌وگوی خصوصی با { $bot } صحبت کنید.
error-generic = متأسفم، مشکلی پیش آمد. لطفاً کمی بعد دوباره امتحان کنید.

## منوی دستورها
menu-next = منبع بعدی شما
menu-roadmap = کل نقشه راه و پیشرفت شما
menu-progress = انجام‌شده، ردشده و باقی‌مانده
menu-language = زبان منابع: انگلیسی، فارسی یا هر دو
menu-reset = شروع از نو
menu-help = این بات چه می‌کند
menu-start = خوشامد و تنظیمات

## قیمت، موضوع‌های چندمنبعی، منابع تازه
price-free = 🆓 رایگان
price-paid = 💰 پولی
price-unknown = ❔ قیمت نامعلوم
price-hint = 🆓 <b>فقط منابع رایگان؟</b> در این صورت کتاب‌ها و دوره‌های پولی از مسیر و درصد پیشرفت شما کنار می‌روند. روی هر کارت نوشته‌ام که منبع رایگان است یا پولی.
button-free-only-off = 🆓 فقط منابع رایگان: خاموش
button-free-only-on = 🆓 فقط منابع رایگان: روشن ✓
price-saved-free = ✅ فقط منابع رایگان: منابع پولی از مسیر و درصد پیشرفت شما کنار رفتند.
price-saved-all = ✅ منابع رایگان و پولی هر دو در مسیر شما هستند.
price-choice-free = فقط منابع رایگان
price-choice-all = رایگان و پولی
resource-earlier = 📗 ویراست قبلی: { $link }
resource-extra = 🆕 <i>بعد از این‌که از { $step } گذشتید به آن اضافه شده: منبعی تازه و اختیاری که جلوی پیشروی شما را نمی‌گیرد.</i>
resource-alternatives = 📚 <i>یکی از { $count } منبع این موضوع است و لازم نیست همه را بخوانید. هر وقت موضوع را یاد گرفتید، «🎓 این موضوع را بلدم» را بزنید.</i>
button-know-topic = 🎓 این موضوع را بلدم
button-topic = 📚 هر { $count } منبع این موضوع
button-study = ▶️ { $title }
known-notice = 🎓 <b>{ $topic }</b> را بلدید. بقیه‌ی منابعش لازم نیست (نه انجام‌شده، نه ردشده).
toast-known = 🎓 موضوع را بلدید
toast-gone = این مورد دیگر در نقشه راه نیست
topic-empty = برای زبان و انتخاب قیمت شما این‌جا منبعی نیست.
topic-paid-hidden = 💰 { $count } منبع پولی پنهان است، چون فقط منابع رایگان را خواسته‌اید (/language).
topic-know-hint = هر کدام را خواستید بخوانید. هر وقت موضوع را یاد گرفتید «🎓 این موضوع را بلدم» را بزنید تا بقیه «لازم نیست» شوند.
roadmap-extra = {" "}🆕
progress-extras = <b>🆕 منابع تازه در گام‌هایی که از آن‌ها گذشته‌اید</b> (جدا شمرده می‌شوند)
progress-extra = • { $step }: { $counts } (از { $total })
progress-grown = 🆕 نقشه راه از وقتی شروع کردید بزرگ‌تر شده: { $count } منبع مسیر شما تازه‌اند و همه‌ی سوابق شما سر جایش است{ $extras ->
        [0] .
       *[other] ؛ { $extras } تا از آن‌ها به گام‌هایی اضافه شده‌اند که از آن‌ها گذشته بودید: منابع تازه‌ای که جدا شمرده می‌شوند.
    }
