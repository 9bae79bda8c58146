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
resource-details = { $kind } · { $language } · { $price }
resource-added = <i>➕ Added by the bot's editors (not in the original roadmap).</i>
progress-line = Progress: { $resolved } of { $total } on your path ({ $percent }%)
progress-line-elective = { $topic } (a hands-on elective): { $resolved } of { $total } ({ $percent }%)
progress-line-parts = { $line }: { $parts }
progress-open-choice = ➕ and a framework to choose
count-done = ✅ { $count } done
count-skipped = ⏭ { $count } skipped
count-started = ⏳ { $count } in progress
count-unneeded = ☑️ { $count } not needed
count-none = none yet
list-separator = {", "}
milestone-step = 🎉 <b>You finished { $step }!</b>
milestone-elective = 🎉 <b>You finished { $topic }!</b>
resource-also = Also in { $language }: { $link }
resource-started = ⏳ <i>In progress: you started this one.</i>
also-in-progress = ⏳ Also in progress: { $titles }. Mark them done from /progress.
and-more = { $count } more
started-notice = ⏳ <b>{ $title }</b> is in progress. Here is the next resource meanwhile; /progress lists what you started.
framework-choose = <b>Choose ONE framework</b> and follow only that one. You can change it later from /roadmap.
framework-has-persian = { $name } · Persian material
chosen = { $label } ✓
electives-choose = <b>Pick a hands-on step</b>, in any order: whatever is interesting or essential for your project.
elective-option = { $name } · ✅{ $done } ⏭{ $skipped }{ $unneeded ->
        [0] {""}
       *[other] {" "}☑️{ $unneeded }
    } / { $total }
finished =
    🏁 <b>You finished the whole roadmap</b>: every step from the beginning and every hands-on elective ({ $counts }). Amazing work!

    /progress shows your journey; /reset starts over.
finished-path =
    🏁 <b>You reached the end of your path</b> ({ $counts }), but not of the roadmap: your path starts after { $steps }, which still have resources for you.

    Go back to study them, or see everything on /roadmap.

kind-book = Book
kind-video = Video
kind-platform = Platform
kind-docs = Documentation
kind-link = Link
kind-course = Course
kind-website = Website
kind-tutorial = Tutorial
kind-article = Article
kind-repository = Repository
kind-list = Curated list
kind-template = Project template
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
button-map = 🖼 Map
button-continue = ▶️ Continue
button-back = ⬅️ Back
button-back-roadmap = ⬅️ Roadmap
button-show-other = Show { $language } material
button-change-framework = 🔀 Change framework
button-pick-elective = 🧪 Hands-on electives
button-start-here = 📍 Study from here
button-started = ⏳ Started
button-undo = ↩️ Undo
button-go-back = ⏮ Go back to { $step }
button-revisit = 📖 Study now: { $title }
button-unskip = ↩️ Bring back { $count } skipped
button-finish-started = ✅ Done: { $title }

toast-done = ✅ Marked as done
toast-skipped = ⏭ Skipped
toast-topic-skipped = ⏩ Topic skipped
toast-framework = 👍 Framework chosen
toast-start-here = 📍 Your path now starts here
toast-saved = Saved
toast-reset = Progress cleared
toast-started = ⏳ Marked as in progress
toast-undone = ↩️ Undone
toast-revisit = 📖 Back on your path
toast-unskipped = ↩️ Skipped resources are back
start-here-skipped = { $count ->
        [one] You skipped { $count } resource from here on. Bring it back onto your path?
       *[other] You skipped { $count } resources from here on. Bring them back onto your path?
    }

button-invalid = This button is not valid (maybe from an older version of the bot). Send /next to continue.
button-stale = That item is no longer in the roadmap: here is where you are now.

## /roadmap
roadmap-title = 🗺 <b>{ $title }</b>
roadmap-position = You are at: { $step }
roadmap-position-done = You have finished the ordered steps.
roadmap-tally = { $counts } (of { $total })
roadmap-choose-framework = choose a framework
roadmap-nothing = nothing on your path here
roadmap-before-start = before your starting point
roadmap-framework = framework: { $name }
roadmap-no-framework = not chosen yet
roadmap-electives = any order
step-no-material = <i>Nothing in { $language } here yet.</i>

## /progress
progress-title = 📊 <b>Your progress</b>
progress-summary = On your path: { $done } done, { $skipped } skipped{ $unneeded ->
        [0] {""}
       *[other] , { $unneeded } not needed
    }, { $left } left ({ $percent }%)
progress-in-progress = <b>⏳ In progress</b>
progress-electives = <b>Hands-on electives</b> (counted apart)
progress-elective = • { $name }: { $counts } (of { $total })
progress-rule = <i>% = resources done, skipped or not needed out of all on your path, rounded down (one work in two languages counts once; a topic with nothing in your language counts its other-language material; with "free only", paid resources are not on your path). "Not needed" = the rest of a topic you said you know. Hands-on electives, and resources new in steps you had passed, are counted apart.</i>
progress-streak = { $weeks ->
        [0] 🔥 No active week yet: mark a resource done, started or skipped to start a streak.
        [one] 🔥 Streak: { $weeks } active week
       *[other] 🔥 Streak: { $weeks } active weeks in a row
    }
progress-settings = Material: { $material } · Framework: { $framework } · { $price }

## the map picture (/progress → Map): the legend, the caption, the toast of an update
map-done = done
map-started = in progress
map-skipped = skipped
map-unneeded = not needed
map-left = left
map-here = you are here
map-caption = 🗺 On your path: { $done } done, { $skipped } skipped{ $unneeded ->
        [0] {""}
       *[other] , { $unneeded } not needed
    }, { $left } left{ $started ->
        [0] {""}
       *[other] {" "}({ $started } of them in progress)
    } · { $percent }%
map-updated = 🗺 Your map above is updated.

## /language
language-current = 🌐 Your material language: <b>{ $material }</b>
language-choose = Which material do you want?
language-saved = ✅ Saved.
button-material-en = 🇬🇧 English
button-material-fa = 🇮🇷 Persian
button-material-both = 🌐 Both

button-ui-en = 🔤 UI: EN
button-ui-fa = 🔤 UI: FA
button-ui-menu = 🔤 UI language
interface-choose = 🔤 <b>The bot's language</b>: which language should the bot's own messages and buttons use? (The material's language is chosen with the other buttons.)
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
nudge-finished = 🏁 You have finished the whole roadmap. /progress shows your journey.
nudge-finished-path = 🏁 You reached the end of your path; the steps before your starting point are still waiting on /roadmap.
nudge-in-progress = ⏳ Still in progress: { $titles }. Press ✅ Done on /progress when you finish.
toast-snoozed = 😴 Snoozed
toast-already-snoozed = 😴 Already snoozed
toast-reminders-off = 🔕 Reminders are off

## Spaced review: the nudge asks about a topic finished 1, 4 and 12 weeks ago
review-question = 🧠 Still fresh: <b>{ $topic }</b>?
button-review-yes = 👍 Yes
button-review-open = 📖 Open again
button-review-stop = 🔕 Stop review questions
review-thanks = 👍 Noted: <b>{ $topic }</b> is still fresh.
toast-review-noted = Noted
reminder-review-on = 🧠 Review questions: on (a finished topic comes back one, four and twelve weeks later)
reminder-review-off = 🧠 Review questions: off
button-review-on = 🧠 Turn review questions on
button-review-off = 🧠 Turn review questions off
review-stopped = 🔕 No more review questions. Turn them on again here or with /reminders.
review-started = 🧠 Review questions are on: the weekly reminder asks about topics you finished.

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
reset-confirm = ⚠️ <b>Start over?</b> This deletes all your progress: { $done } done, { $skipped } skipped, { $started } in progress{ $unneeded ->
        [0] {""}
       *[other] , { $unneeded } not needed
    }{ $topics ->
        [0] {""}
        [one] , { $topics } topic where you chose the other language
       *[other] , { $topics } topics where you chose the other language
    }{ $framework ->
        [0] {""}
       *[other] , your framework choice
    } and your starting point. Your language settings and reminders stay.
button-reset-yes = 🗑 Yes, start over
button-reset-no = Cancel
reset-done = 🗑 Started over. Deleted: { $done } done, { $skipped } skipped, { $started } in progress{ $unneeded ->
        [0] {""}
       *[other] , { $unneeded } not needed
    }{ $topics ->
        [0] {""}
        [one] , { $topics } topic where you chose the other language
       *[other] , { $topics } topics where you chose the other language
    }{ $notes ->
        [0] {""}
        [one] , { $notes } note
       *[other] , { $notes } notes
    }.
reset-notes-kept = 📝 { $count ->
        [one] Your note is kept.
       *[other] Your { $count } notes are kept.
    }
reset-notes-ask = 📝 You also have { $count ->
        [one] a note
       *[other] { $count } notes
    }: keep { $count ->
        [one] it
       *[other] them
    }, or delete { $count ->
        [one] it
       *[other] them
    } too?
button-reset-keep-notes = 🗑 Start over, keep my notes
button-reset-delete-notes = 🗑 Start over and delete my notes
reset-cancelled = 👌 Nothing changed.

## /help
help =
    🤖 <b>Python Backend Roadmap bot</b>

    I walk you through the Python Backend Engineer Roadmap one resource at a time and remember where you are. Step 2 asks you to choose ONE web framework; the hands-on steps at the end can be done in any order.
help-commands =
    /next: your next resource
    /roadmap: the whole map with your progress
    /progress: what is done, skipped and left; 🖼 a picture of your map; 🗓 a study plan with your finish date
    /notes: your notes on resources (📝 Note on a card, or reply to the card)
    /reminders: your weekly reminder, and its review questions on what you finished
    /language: English, Persian or both
    /reset: start over (asks first)
    /start: the welcome and set-up
    /forget: delete everything I store about you (asks first)
    /help: this message

    <b>How progress is counted</b>: your path runs from where you chose to start, in your material language, with the framework you chose. Free-only learners' paths leave paid resources out. The percentage is the resources you marked done or skipped, or that are not needed, out of all on your path, rounded down, so 100% means nothing is left. A topic often has several alternatives: you don't need them all; "🎓 I know this topic" makes the rest "not needed" (neither done nor skipped). "⏳ Started" keeps a resource in progress while you go on. Hands-on electives are counted apart, and so are resources added to a step you had already passed (extras: they never send you back).

    <b>Credits</b>: the roadmap is the <a href="https://github.com/DjangoEx/python-engineer-roadmap">Python Backend Engineer Roadmap</a> by DjangoEx (Apache License 2.0), with additions by this bot's editors.

## Anything else
unknown-command = I don't know { $command }. Send /next for your next resource, or /help to see what I can do.
free-text = I work with commands and buttons. Send /next for your next resource, or /help.
unsupported-message = I can only read text. Send /next for your next resource, or /help.
group-only-private = I'm a personal study guide: talk to me in a private chat with { $bot }.
error-generic = Sorry, something went wrong on my side. Please try again in a moment.

## Command menu
menu-next = Your next resource
menu-roadmap = The whole roadmap and your progress
menu-progress = What is done and left, a picture of your map, a study plan
menu-language = Material language: English, Persian or both
menu-reset = Start over
menu-help = What this bot does
menu-start = Welcome and set-up

## Prices, topics with many resources, extras
price-free = 🆓 Free
price-paid = 💰 Paid
price-unknown = ❔ Price unknown
price-hint = 🆓 <b>Free resources only?</b> Paid books and courses are then left out of your path and of your percentages. Every card says whether a resource is free or paid.
button-free-only-off = 🆓 Free resources only: off
button-free-only-on = 🆓 Free resources only: on ✓
price-saved-free = ✅ Free resources only: paid ones are left out of your path and its percentages.
price-saved-all = ✅ Free and paid resources are both on your path.
price-choice-free = Free resources only
price-choice-all = Free and paid
resource-earlier = 📗 Earlier edition: { $link }
resource-extra = 🆕 <i>New in { $step } since you passed it: an extra, it never holds you back.</i>
resource-alternatives = 📚 <i>One of { $count } resources for this topic: you don't need them all. Once you know the topic, tap "🎓 I know this topic".</i>
button-know-topic = 🎓 I know this topic
button-topic = 📚 All { $count } in this topic
button-study = ▶️ { $title }
known-notice = 🎓 <b>{ $topic }</b>: you know it. Its other resources are not needed (neither done nor skipped).
toast-known = 🎓 Topic known
topic-empty = Nothing here for your language and price choice.
topic-paid-hidden = { $count ->
        [one] 💰 { $count } paid resource is hidden: you chose free resources only (/language).
       *[other] 💰 { $count } paid resources are hidden: you chose free resources only (/language).
    }
topic-know-hint = Pick any one to study. Once you know the topic, tap "🎓 I know this topic": the rest become "not needed".
roadmap-extra = {" "}🆕
progress-extras = <b>🆕 New in steps you had passed</b> (extras, counted apart)
progress-extra = • { $step }: { $counts } (of { $total })
progress-grown = 🆕 The roadmap has grown since you started: { $count } resources on your path are new, and your records are all kept{ $extras ->
        [0] .
       *[other] ; { $extras } of them joined steps you had passed: extras, counted apart.
    }
