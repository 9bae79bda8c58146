# Operators and first contact, in English: /stats and /reload (admins), /forget, the
# bot's Telegram profile. Same rules as bot.ftl: Telegram HTML, arguments escaped by the code.

## /stats (admins only)
admin-stats-title = 📊 <b>Usage</b>
admin-stats-learners = 👥 Learners: <b>{ $total }</b> ({ $onboarding } still answering the /start questions)
admin-stats-active = 🟢 Active in the last 7 days: { $week } · in the last 30 days: { $month }
admin-stats-where = <b>Where they are</b> (the step of their next resource):
admin-stats-step = • { $step }: { $count }
admin-stats-finished = • 🏁 Finished the ordered steps: { $count }
admin-stats-nudges = ⏰ Weekly reminders sent in the last 7 days: { $count }
admin-stats-blocked = 🚫 Blocked the bot in the last 7 days: { $count }
admin-stats-reviews = 🧠 Review questions asked: { $asked } · still fresh: { $yes } · opened again: { $opened } · learners who turned them off: { $off }

## /reload (admins only)
admin-reload-done = ✅ <b>Roadmap reloaded</b> from { $file }.
admin-reload-summary = { $steps } steps, { $topics } topics, { $resources } resources (English { $en }, Persian { $fa }, any language { $untagged }): { $seed } from the original roadmap, { $upstream } from its later version, { $ours } added by the editors; { $free } free, { $paid } paid, { $unknown } of unknown price.
admin-reload-step = • { $step }: { $topics } topics, { $resources } resources
admin-reload-change = Compared with before: { $new } new and { $removed } removed resources.
admin-reload-failed = ❌ <b>{ $file } has { $count ->
        [one] a problem
       *[other] { $count } problems
    }</b>, so the bot keeps the roadmap it had. Fix the file and send /reload again.
admin-reload-more = … and { $count } more

## /forget
forget-confirm = ⚠️ <b>Delete everything I know about you?</b> Your progress, your choices, your language settings and your weekly reminder are deleted for good: this cannot be undone. (This chat's history stays in Telegram; you can delete it there.)
forget-button-yes = 🗑 Yes, delete everything
forget-button-no = Cancel
forget-done = 🗑 Done: everything I stored about you is deleted. If you ever want to start again, send /start.
forget-kept = 👌 Nothing was deleted.
forget-nothing = I have nothing stored about you. Send /start to begin.
forget-toast = 🗑 Deleted
menu-forget = Delete everything the bot stores about you

## The bot's Telegram profile (what people see before pressing Start)
profile-description =
    I walk you through the Python Backend Engineer Roadmap, one resource at a time: algorithms and system design, Python from beginner to advanced, one web framework of your choice, operating systems, then hands-on projects in any order.

    I remember where you are, offer material in English and Persian, and can remind you every week. Press Start to begin.
profile-short-description = Your guide through the Python Backend Engineer Roadmap, one resource at a time. English and Persian.
