## The study plan (/progress, 🗓 Plan)
button-plan = 🗓 Plan
button-plan-hours = { $hours } h/week
button-plan-type = ⌨️ Type the hours
button-plan-remove = 🗑 Remove the plan
plan-title = 🗓 <b>Your study plan</b>
plan-none = How many hours a week do you study? Pick one, or type your own, and I'll tell you when you are likely to finish your current step and your whole path.
plan-hours = You plan { $hours } hours a week (since { $since }).
plan-left = ⏱ About { $left } hours of study left on your path, one resource per topic ({ $step } hours in { $place }).
plan-left-path = ⏱ About { $left } hours of study left on your path, one resource per topic.
plan-step-finish = 🏁 { $place }: around { $date }.
plan-finish = 🏁 Whole path: around { $date }.
plan-finished = 🏁 Every topic on your path has a resource done: nothing left to plan. Well done!
plan-ahead = 🚀 Ahead of your plan: { $done } hours done since you set it, { $expected } planned by now.
plan-on-track = ✅ On track: { $done } hours done since you set it, { $expected } planned by now.
plan-behind = 🐢 Behind your plan: { $done } hours done since you set it, { $expected } planned by now.
plan-source = <i>Hours are our editors' estimates per kind of resource (a book about 30, a course 20, an article 1); they count when you mark a resource done. A topic's resources are alternatives, so a topic counts as one resource: the one /next offers, until you have done one.</i>
plan-type-prompt = ⌨️ How many hours a week do you study? Send a number from 1 to 80. To cancel, press Back or send any command.
plan-type-invalid = "{ $typed }" is not a number of hours from 1 to 80. Send a number such as 6, or any command to cancel.
plan-saved = 🗓 Plan saved: { $hours } hours a week.
plan-removed = 🗓 Plan removed.
plan-date = { $day } { $month } { $year }
nudge-plan = 🗓 { $pace ->
    [ahead] Ahead of your plan
    [behind] Behind your plan
   *[on-track] On track with your plan
} · { $left } h left · path done around { $date }.
nudge-plan-finished = 🗓 Your plan is complete: every topic on your path has a resource done.
