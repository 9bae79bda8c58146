# Interface text in English. Telegram HTML: only <b> <i> <a> <code> are used;
# arguments are escaped by the code, so never put a $variable inside an attribute.

friend = friend

## Onboarding (/start)
welcome =
    👋 Hi { $name }! I'm your guide through the <b>Python Backend Engineer Roadmap</b>.

    I hand you one resource at a time (books, courses, platforms, docs), from algorithms and Python to web frameworks and hands-on projects. I remember where you are, and I can remind you every week.
onboarding-material = <b>Which material do you want?</b> Where a topic has nothing in your language, I say so and offer the other.
onboarding-start = <b>Where do you want to start?</b> If you already know the basics, jump ahead: you can always go back from /roadmap.
onboarding-done = ✅ All set! Here is your first resource. Send /next any time to come back to it.
welcome-back = 👋 Welcome back, { $name }! Here is where you are.
start-beginning = 🌱 From the beginning
start-level = { $topic }

## Study card (/next)
place = 📍 { $step } · { $topic }
step-title = Step { $number }: { $title }
step-title-unnumbered = { $title }
resource-details = { $kind } · { $language }
resource-added = <i>➕ Added by the bot's editors (not in the original roadmap).</i>
progress-line = Progress: { $resolved } of { $total } on your path ({ $percent }%)
gap = This topic has no material in { $wanted }. It has material in { $offered }: do you want it, or skip the topic?
framework-choose = <b>Choose ONE framework</b> and follow only that one. You can change it later from /roadmap.
framework-has-persian = { $name } (فارسی)
chosen = { $label } ✓
electives-choose = <b>Pick a hands-on step</b>, in any order: whatever is interesting or essential for your project.
elective-option = { $name } ({ $resolved }/{ $total })
finished =
    🏁 <b>You finished the whole roadmap</b>: every step and every hands-on elective ({ $done ->
        [one] { $done } resource
       *[other] { $done } resources
    } done). Amazing work!

    /progress shows your journey; /reset starts over.

kind-book = Book
kind-video = Video
kind-platform = Platform
kind-docs = Documentation
kind-link = Link
language-en = English
language-fa = Persian
language-both = English and Persian
language-any = Any language

button-open = 📖 Open
button-done = ✅ Done
button-skip = ⏭ Skip
button-skip-topic = ⏩ Skip topic
button-language = 🌐 Language
button-roadmap = 🗺 Roadmap
button-continue = ▶️ Continue
button-back = ⬅️ Back
button-back-roadmap = ⬅️ Roadmap
button-show-other = Show { $language } material
button-change-framework = 🔀 Change framework
button-pick-elective = 🧪 Hands-on electives
button-start-here = 📍 Study from here

toast-done = ✅ Marked as done
toast-skipped = ⏭ Skipped
toast-topic-skipped = ⏩ Topic skipped
toast-framework = 👍 Framework chosen
toast-start-here = 📍 Your path now starts here
toast-saved = Saved
toast-reset = Progress cleared

button-invalid = This button is not valid (maybe from an older version of the bot). Send /next to continue.
button-stale = That item is no longer in the roadmap: here is where you are now.

## /roadmap
roadmap-title = 🗺 <b>{ $title }</b>
roadmap-position = You are at: { $step }
roadmap-position-done = You have finished the ordered steps.
roadmap-tally = { $resolved }/{ $total }
roadmap-before-start = before your starting point
roadmap-framework = framework: { $name }
roadmap-no-framework = not chosen yet
roadmap-electives = any order
step-no-material = <i>Nothing in { $language } here yet.</i>

## /progress
progress-title = 📊 <b>Your progress</b>
progress-summary = On your path: { $done } done, { $skipped } skipped, { $left } left ({ $percent }%)
progress-step = { $done } done, { $skipped } skipped, of { $total }
progress-electives = <b>Hands-on electives</b>
progress-elective = • { $name }: { $resolved }/{ $total }
progress-streak = { $weeks ->
        [0] 🔥 No active week yet: finish a resource to start a streak.
        [one] 🔥 Streak: { $weeks } active week
       *[other] 🔥 Streak: { $weeks } active weeks in a row
    }
progress-settings = Material: { $material } · Framework: { $framework }

## /language
language-current = 🌐 Your material language: <b>{ $material }</b>
language-choose = Which material do you want?
language-saved = ✅ Saved.
button-material-en = 🇬🇧 English
button-material-fa = 🇮🇷 Persian (فارسی)
button-material-both = 🌐 Both

button-ui-en = 🔤 UI: EN
button-ui-fa = 🔤 UI: FA
interface-hint = <i>🔤 UI switches the language of the bot itself.</i>

## Weekly reminders (/reminders)
reminders-title = ⏰ <b>Weekly reminder</b>
reminder-on = It is <b>on</b>.
reminder-off = It is <b>off</b>.
reminder-schedule = Every { $weekday } at { $time } ({ $zone })
reminder-next = Next: { $when }
reminder-when = { $weekday } { $day } { $month }, { $time }
reminder-pick-day = Which day of the week?
reminder-pick-hour = At what hour? (your time: { $zone })
reminder-pick-zone = Your time zone is <b>{ $zone }</b>. Pick yours, or type its name.
reminder-type-zone = Type your time zone's name, like <code>Europe/Berlin</code>, <code>Asia/Tehran</code> or <code>America/New_York</code>.
reminder-zone-set = ✅ Time zone set: { $zone }
reminder-zone-set-off = ✅ Time zone set: { $zone }. Reminders are still <b>off</b>: turn them on below whenever you want them.
reminder-zone-unknown = ❌ "{ $typed }" is not a time zone I know. Pick one below or type a name like <code>Europe/Berlin</code>.
reminder-saved = ✅ Saved. Next reminder: { $when }
reminder-saved-off = ✅ Saved. Reminders are still <b>off</b>: turn them on below whenever you want them.
reminder-stopped = 🔕 Reminders are off. Turn them on again here or with /reminders.
reminder-snoozed = 😴 Snoozed for a week. Next reminder: { $when }
reminder-already-snoozed = 😴 Already snoozed. Next reminder: { $when }
reminder-snooze-off = 🔕 Reminders are off, so nothing was snoozed. Turn them on below if you want them.
button-reminders-on = 🔔 Turn on
button-reminders-off = 🔕 Turn off
button-reminder-day = 📅 Day
button-reminder-hour = 🕘 Hour
button-reminder-zone = 🌍 Time zone
button-reminder-type-zone = ⌨️ Type another
button-snooze = 😴 Snooze a week
button-stop-reminders = 🔕 Stop reminders
onboarding-reminder = ⏰ <b>Shall I remind you every week?</b> A short message with your next resource. (Time zone: { $zone }; you can change everything with /reminders.)
button-onboard-remind-yes = ✅ Yes, { $weekday }s at { $time }
button-onboard-remind-custom = 🛠 Yes, let me choose when
button-onboard-remind-no = No, thanks
onboarding-reminder-custom = 👍 Reminders are on. Choose the day, hour and time zone, then press Continue.
onboarding-done-reminder = ✅ All set! I'll remind you { $when } ({ $zone }). Here is your first resource.
nudge-title = ⏰ <b>Study time, { $name }!</b>
nudge-next = You are at { $place } · { $topic }. Next up: <b>{ $title }</b>.
nudge-at = You are at { $place } · { $topic }.
nudge-choice = A choice is waiting for you on the roadmap.
toast-snoozed = 😴 Snoozed
toast-already-snoozed = 😴 Already snoozed
toast-reminders-off = 🔕 Reminders are off
menu-reminders = Weekly reminder: day, hour, time zone
weekday-0 = Monday
weekday-1 = Tuesday
weekday-2 = Wednesday
weekday-3 = Thursday
weekday-4 = Friday
weekday-5 = Saturday
weekday-6 = Sunday
month-1 = Jan
month-2 = Feb
month-3 = Mar
month-4 = Apr
month-5 = May
month-6 = Jun
month-7 = Jul
month-8 = Aug
month-9 = Sep
month-10 = Oct
month-11 = Nov
month-12 = Dec

## /reset
reset-confirm = ⚠️ <b>Start over?</b> This deletes your progress ({ $done } done, { $skipped } skipped) and your framework choice. Your language settings stay.
button-reset-yes = 🗑 Yes, start over
button-reset-no = Cancel
reset-done = 🗑 Your progress was cleared.
reset-cancelled = 👌 Nothing changed.

## /help
help =
    🤖 <b>Python Backend Roadmap bot</b>

    I walk you through the Python Backend Engineer Roadmap one resource at a time and remember where you are. Step 2 asks you to choose ONE web framework; the hands-on steps at the end can be done in any order.
help-commands =
    /next: your next resource
    /roadmap: the whole map with your progress
    /progress: what is done, skipped and left
    /reminders: your weekly reminder
    /language: English, Persian or both
    /reset: start over (asks first)
    /start: the welcome and set-up
    /forget: delete everything I store about you (asks first)
    /help: this message

## Anything else
unknown-command = I don't know { $command }. Send /next for your next resource, or /help to see what I can do.
free-text = I work with commands and buttons. Send /next for your next resource, or /help.
unsupported-message = I can only read text. Send /next for your next resource, or /help.
group-only-private = I'm a personal study guide: talk to me in a private chat with { $bot }.
error-generic = Sorry, something went wrong on my side. Please try again in a moment.

## Command menu
menu-next = Your next resource
menu-roadmap = The whole roadmap and your progress
menu-progress = What is done, skipped and left
menu-language = Material language: English, Persian or both
menu-reset = Start over
menu-help = What this bot does
menu-start = Welcome and set-up
