# English message catalogue (Project Fluent syntax: https://projectfluent.org/fluent/guide/).
# Every sentence here is the coach's own wording; the coach guides, it never diagnoses or promises
# a cure. Ids are the flows' keys with dots as hyphens ("common.not_a_choice" is
# common-not_a_choice); this file is the reference every other language is checked against at
# start-up (same ids, no variable English lacks, plural variants the language has).
# Dates and weekday names arrive already written in the language (Babel); numbers choose plural
# variants by CLDR category: { $n -> [one] … *[other] … }.

# the language's own name, offered in the language step and in /settings
language-name = English


## helpline
# one helpline in a crisis reply; $ways: its phone, text number and web address, as there are

helpline-line = • { $name }: { $ways } ({ $hours })
helpline-text = text { $number }
helpline-always = 24/7
helpline-daily = daily { $hours }
helpline-name-directory = Find A Helpline (free, confidential helplines in every country)
helpline-name-emergency = Emergency services, from most mobile phones


## terminal
# the terminal chat's own lines: before the first message, and on leaving

terminal-banner = backcoach — terminal chat. Type /help for commands; Ctrl-D leaves (your progress is kept).
terminal-bye = Bye for now — everything you told me is saved.
terminal-bye_erased = Bye for now.
# under a 0–10 question: $hint is "0 = no pain … 10 = worst pain imaginable"
terminal-type_number = ({ $hint } — type a number)
# under a question answered only in words (a safety answer, consent): $choices "Yes · No · Not sure"
terminal-type_one = type one: { $choices }


## common

common-not_a_choice = Sorry, I didn't catch that. Please pick one of the options below (you can type its number).
common-not_a_choice_words = Sorry, I didn't catch that. Please choose one of the options below, or type it out in words (a number won't do for this one).
common-not_a_score = I need a whole number from { $lo } to { $hi } here — for example 4, or 4/10.
common-invalid_time = I couldn't read that as a time of day. Try something like 07:30 or 7am.
common-invalid_zone = I don't know that time zone. Pick one below, or type a city like Berlin, an IANA name like Europe/Berlin, or an offset like UTC+2.
common-invalid_slot = I couldn't read that as a day and time. Pick one below, or type something like "Sunday 18:00".
common-invalid_days = I couldn't read that. Pick an option, or type something like "5 days ago", "3 weeks" or a date such as 2026-11-01.
common-stale = That question has passed — here is where we are now.
common-idle = Nothing is waiting for an answer right now. Send /checkin to log an activity, /plan for today's step, or /help for everything else.
common-carry_on = Let's carry on setting things up.
common-welcome_back = Welcome back.
common-in_progress = You're in the middle of this already — let's finish it.
common-finish_first = Let's finish this one first; then we can do that.
common-setup_first = Let's finish setting up first — it only takes a few minutes.
common-resume = Back to where we were:
common-resume_checkin = Back to your check-in on { $activity } at { $time }:
common-morning_ready = Your morning check is ready — send /morning when you're done here.
common-recap_ready = Your weekly recap is ready — send /recap when you're done here.
common-error = Sorry — something went wrong on my side and that last message didn't go through. Everything before it is safe; please send it again in a moment.
common-send_failed = Sorry — I had trouble sending my reply just now. Nothing you told me is lost; here's where we are:
common-later = Alright. Send /checkin whenever you're ready, or /plan to see today's step again.
common-unknown_command = I don't know the command /{ $command }.
common-paused = Paused: I won't send you anything unasked until you send /resume. Your check-ins and progress are kept, and you can still use every command.
common-already_paused = You're already paused. Send /resume when you'd like reminders and follow-ups again.
common-resumed = Welcome back — reminders and follow-ups are on again.
common-not_paused = Nothing is paused right now.
common-no_words = I can only read words and numbers typed here — not stickers or pictures.
common-cancelled = Okay, stopped — what you'd already told me is saved.
common-cancelled_setup = Okay, stopped — what you'd already told me is saved. Setting up isn't finished yet: send /start whenever you'd like to go through it again.
common-nothing_to_cancel = There's nothing to stop right now.
common-not_cancelled = I can't set this question aside — please answer it below.
common-undo = No problem — let's take that one again.
common-on_hold = Coaching is paused until you've been checked by a clinician.
common-on_hold_emergency = Coaching is paused until you've been checked by a clinician. If you haven't been yet, please get emergency help now: call { $emergency }.
common-help =
    Here's what I can do:
    /checkin — log an activity: pain before, during and after, and get advice on the next step
    /plan — today's suggested step
    /progress — where you are on each movement, with recent results
    /morning — the morning check (waking pain and today's step)
    /recap — your week at a glance, with a chart
    /portfolio — your five everyday movements, what each is for, and swapping one
    /settings — your time zone, morning time, weekly recap day and time, micro-breaks on or off, and language
    /flare — my back has flared up: switch to the flare-up plan for a few days
    /carry_on — a clinician has said I can carry on progressing (ends a pause)
    /pause — stop reminders and follow-ups for now; /resume — start them again
    /cancel — stop what we're in the middle of (what you've told me is kept); "wrong one" right after an answer asks that question again
    /goals — your own goals: add, rate, rename or retire one
    /summary — a one-page PDF of your progress to show your physiotherapist or doctor
    /privacy — what I store and why; /export — a copy of it all; /delete — erase it all
    /start — set up, or see where you are
    /help — this list

    I'm a coach for getting back to normal after a bout of low back pain. I don't diagnose, and I'm not for emergencies: if something feels seriously wrong, contact a doctor or emergency services.

## settings

settings-menu =
    Your settings:
    Time zone: { $tz }
    Morning message: { $time }
    Weekly recap: { $recap }
    Micro-breaks: { $breaks }
    Language: { $language }

    What would you like to change?
settings-recap = When would you like your weekly recap? Pick one, or type a day and time like "Sunday 18:00".
settings-saved_recap = Done — your weekly recap will come on { $slot }.
settings-breaks_on = Micro-breaks are on: on working days between { $start } and { $end }, about every { $minutes ->
        [one] minute
       *[other] { $minutes } minutes
    }, I'll suggest a minute of movement you can do at your desk or standing, or of slow breathing. Ignore a few and I'll ask less often.
settings-breaks_off = Micro-breaks are off. You can switch them on any time in /settings.
settings-breaks_state_on = on
settings-breaks_state_off = off
settings-tz = Which time zone are you in? Pick one, or type your city (like Berlin) or an offset (like UTC+2).
settings-nudge_time = What time would you like your morning message? Pick one, or type a time like 07:15.
settings-saved_tz = Done — your time zone is now { $tz }.
settings-saved_time = Done — your morning message will come at { $time }.
settings-unchanged = Nothing changed.
settings-language = Which language would you like me to write in?
settings-saved_language = Done — I'll write in English from now on.
# a weekly recap's day and time: $day is the weekday's name in this language, $time "18:00"
settings-slot = { $day } { $time }

## zone

zone-fixed = { $tz } is a fixed offset: it won't follow daylight saving. If your clocks go forward and back during the year, name your city instead (for example Berlin or New York) — /settings changes it any time.
zone-not_whole_hour = I can only take an offset of whole hours, like UTC+2. For UTC+5:30, UTC+5:45 and the like, please type your city instead — for example Kolkata, Kathmandu, Tehran or Adelaide.

## command

command-start = Set up, or see where you are
command-checkin = Log an activity and get advice on the next step
command-plan = Today's suggested step
command-progress = Where you are on each movement
command-recap = Your week at a glance, with a chart
command-privacy = What is stored about you, and why
command-export = Get a copy of everything stored about you
command-delete = Erase everything stored about you
command-morning = The morning check: waking pain and today's step
command-settings = Time zone, morning time, weekly recap, micro-breaks
command-portfolio = Your five movements, and swapping one
command-pause = Stop reminders and follow-ups for now
command-resume = Start reminders and follow-ups again
command-help = What the coach can do
command-cancel = Stop what we're in the middle of
command-flare = My back has flared up: switch to the flare-up plan
command-carry_on = A clinician advised me to carry on: lift the pause
command-goals = Your own goals: add, rate, rename or retire
command-summary = A one-page PDF for your physiotherapist or doctor

## recap

recap-header = Your week, { $start } – { $end }: { $done ->
        [one] 1 check-in done
       *[other] { $done } check-ins done
    }, { $skipped } set aside for another day.
recap-empty = Your week, { $start } – { $end }: no check-ins this week, and that's fine — weeks like this happen. When you're ready, one short, gentle activity is a good restart: send /checkin.
recap-empty_new = Your week, { $start } – { $end }: no check-ins yet since you started. Whenever you're ready, /checkin logs today's step, and next week's recap will have something to show.
recap-counts = Lights: 🟢 { $green } · 🟡 { $amber } · 🔴 { $red }
recap-trend = Average pain — before: { $before } (last week { $last_before }) · at its worst during: { $during } (last week { $last_during }) · an hour after: { $after } (last week { $last_after })
recap-trend_first = Average pain — before: { $before } · at its worst during: { $during } · an hour after: { $after }. Next week I can compare.
recap-moves =
    Ladder moves this week:
    { $lines }
recap-no_moves = No ladder moves this week — steady is fine.
recap-evidence =
    Better than you predicted:
    { $lines }
    Each of these is your nervous system learning that the movement is safe.
recap-evidence_line = • { $movement }: you expected { $expected }, it peaked at { $during }
recap-no_evidence = None of this week's steps hurt less than you predicted, so there's nothing new for your evidence log this week.
recap-as_predicted = Every step this week peaked at exactly the pain you predicted.
recap-moves_line = { $ladder }: { $path }
recap-stayed_line = { $ladder }: stayed at level { $level }
recap-phase = Where you are: { $phase }.
recap-chart_title = Pain this week (0–10)
recap-before = before
recap-during = worst during
recap-after = an hour after
recap-lights_title = Lights each day
recap-green = green
recap-amber = amber
recap-red = red
recap-goals_title = Your goals, by week (0 = can't, 10 = as before)
recap-goals =
    Your goals:
    { $lines }

## focus

focus-settle = Next week's focus: gentle movement most days — { $focus } is a good place to start. Comfort sets the range.
focus-rebuild = Next week's focus: { $focus }, a little at a time, plus your portfolio on most days.
focus-progress = Next week's focus: keep climbing with { $focus }, one level at a time, only after two comfortable tries.
focus-return = Next week's focus: bring back the everyday tasks you paused, starting with { $focus }.
focus-flare = Next week's focus: the flare-up plan — gentle movement such as { $focus }, relaxed breathing and comfortable positions. The ladders wait until your mornings are back near usual.
focus-paused = Next week's focus: progression is paused ({ $why }), so gentle movement only — { $focus } is a good choice. The ladders wait.

## day

day-mon = Mon
day-tue = Tue
day-wed = Wed
day-thu = Thu
day-fri = Fri
day-sat = Sat
day-sun = Sun

## outreach

outreach-break_offer =
    A minute for your back: { $name }. { $how }
    { $feel }
    { $options }
    Gently, in a comfortable range — then back to your day.
outreach-break_done = Nice — small, regular doses like that keep stiffness from building up.
outreach-break_skipped = No problem. Another time.

## exercise

exercise-feel = What you should feel: { $feel }
exercise-options = Easier: { $easier } Harder: { $harder }

## light

light-green = 🟢 green
light-amber = 🟡 amber
light-red = 🔴 red
light-unfinished = ⚪ unfinished

## phase

phase-settle = settling (gentle movement while things calm down)
phase-rebuild = rebuilding (gently reawakening the muscles that support your back)
phase-progress = progressing (a little more range, load or time, step by step)
phase-return = returning to full activity

## phase_moved

phase_moved-rebuild = Your recent check-ins have come back green, so we're moving into rebuilding: the movement ladders and your portfolio join in, still at a comfortable level.
phase_moved-progress = You're climbing your ladders steadily, so the focus now shifts to progressing — adding range, load or time one small step at a time.
phase_moved-return = You're into the return-to-full-activity stretch: bringing back the things you paused, gradually, and letting your back show it can handle each one.

## flare

flare-start =
    Let's switch to the flare-up plan for now. Your movement ladders are paused, and each one will restart a level below where it stood. Each day: a little gentle movement (a short walk, knee rolls, cat-cow or a supported bridge), a few minutes of slow, relaxed breathing, and resting in positions that feel comfortable — lying on your side with a pillow between your knees, or on your back with your lower legs up on a chair. Spread activity through the day rather than doing it all at once.

    I'll ask how it's going each morning. Two mornings in a row back near your usual and we pick the ladders up again.
flare-already = The flare-up plan is already on (day { $day }). Keep it gentle; I'll ask how it's going each morning.
flare-plan =
    Flare-up plan, today's gentle movement: { $name }. { $how }
    Add a few minutes of slow, relaxed breathing, and rest in whatever position feels comfortable.
flare-how = How is the flare going this morning?
flare-settled = Back to about my usual
flare-easing = Easing
flare-same = About the same
flare-worse = Worse
flare-calm = That sounds calmer. One more morning like this and we'll pick the ladders up again.
flare-not_calm = Thanks for telling me. We'll keep to the flare-up plan today: gentle movement, relaxed breathing, comfortable positions.
flare-ended = Two calmer mornings in a row — the flare-up plan is over. Your ladders restart one level below where they stood, and we'll build up again from there.
flare-still = It's been a week on the flare-up plan and your back still hasn't settled back to usual. Please see a physiotherapist or doctor about it. Until then I'll keep to gentle movement only; once they've advised you to carry on, send /carry_on.
flare-progress = The flare-up plan is on (day { $day }): the ladders are paused, gentle movement only.

## pause

pause-start = That's three harder responses within a week, so I'm pausing progression: for now I'll only suggest gentle movement, and your ladders will restart a level below where they stood. Please talk this through with a physiotherapist or doctor. If they advise you to carry on, send /carry_on; otherwise the pause lifts after a week without a red.
pause-flare = Progression stays paused until a clinician has had a look, or a week passes without a red.
pause-plan = Progression is paused ({ $why }), so today is gentle movement only: { $name }. { $how }
pause-lifted = It's been a week without a red, so the pause is over. Your ladders pick up one level below where they stood.
pause-lifted_clinician = Thanks — I've noted that a clinician advised you to carry on. The pause is lifted; your ladders pick up one level below where they stood.
pause-none = Progression isn't paused, so there's nothing to lift.
pause-progress = Progression is paused ({ $why }): gentle movement only for now.

## pause_why

pause_why-reds = three red check-ins within a week
pause_why-flare = the flare-up plan ran a week without your back settling

## purpose

purpose-decompression = decompression (easing load on the spine)
purpose-hip_mobility = hip mobility
purpose-thoracic_mobility = upper-back (thoracic) mobility
purpose-deep_stabilisation = deep stabilisation (the small muscles that steady your spine)
purpose-dynamic_control = dynamic control (moving well under everyday demands)

## purpose_inline
# the short name inside a sentence ("as your … movement")

purpose_inline-decompression = decompression
purpose_inline-hip_mobility = hip mobility
purpose_inline-thoracic_mobility = upper-back mobility
purpose_inline-deep_stabilisation = deep stabilisation
purpose_inline-dynamic_control = dynamic control

## purpose_short

purpose_short-decompression = Decompression
purpose_short-hip_mobility = Hip mobility
purpose_short-thoracic_mobility = Upper-back mobility
purpose_short-deep_stabilisation = Deep stabilisation
purpose_short-dynamic_control = Dynamic control

## purpose_why

purpose_why-decompression = takes the load off your spine for a while, so your back and the muscles around it can settle.
purpose_why-hip_mobility = keeps your hips moving freely, so your lower back doesn't have to do their bending and turning for them.
purpose_why-thoracic_mobility = keeps your upper back turning and opening, which spares your lower back when you twist or reach.
purpose_why-deep_stabilisation = wakes up the small, deep muscles that steady your spine from the inside, with control rather than force.
purpose_why-dynamic_control = practises everyday movements like standing up, stepping and bending, so your back feels steady doing them.

## portfolio

portfolio-menu =
    Your movement portfolio: five movements, each with its own job.

    { $lines }

    Would you like to swap one for another movement with the same job? Pick which.
portfolio-line = • { $purpose }: { $name } — { $why }
portfolio-missing = none chosen yet
portfolio-pick = For { $purpose } you have { $current }. What would you like instead?
portfolio-swapped = Done: { $new } replaces { $old } as your { $purpose } movement. { $how }
portfolio-unchanged = Your portfolio stays as it is.

## choice

choice-go_on = Continue
choice-agree = I agree
choice-decline = No thanks
choice-yes = Yes
choice-no = No
choice-unsure = Not sure
choice-ep_week = In the last 7 days
choice-ep_2weeks = 1–2 weeks ago
choice-ep_6weeks = 2–6 weeks ago
choice-ep_12weeks = 6–12 weeks ago
choice-ep_older = More than 12 weeks ago
choice-suggested = Use the suggested set
choice-choose = Let me choose
choice-checkin_now = Start a check-in now
choice-later = Later
choice-breaks_yes = Yes please
choice-breaks_no = No thanks
choice-todays_step = Today's step: { $name }
choice-ladder_step = { $name }, level { $level }
choice-a_portfolio = One of my portfolio movements
choice-a_walk = A walk
choice-done = Done it
choice-not_today = Not today
choice-answer_now = Answer it now
choice-change_tz = Time zone
choice-change_time = Morning time
choice-change_recap = Weekly recap
choice-toggle_breaks = Micro-breaks on/off
choice-break_done = Done it
choice-break_skip = Not now
choice-keep = Nothing, thanks
choice-change_language = Language
choice-keep_portfolio = Keep them all
choice-keep_movement = Keep { $name }
choice-delete_all = Yes, delete everything
choice-keep_all = No, keep it
choice-checked_yes = Yes, I've been checked
choice-not_yet = Not yet
choice-wrong = I pressed the wrong one
choice-safe = I'm safe right now
choice-unsafe = I'm not safe
choice-carry_on = Carry on with coaching
choice-not_now = Not now
choice-doing_ok = I'm doing okay
choice-not_ok = Not so good
choice-new_checkin = Start a new check-in anyway
choice-flared = My back has flared up

## onboarding

onboarding-intro_languages =
    { onboarding-intro }

    { onboarding-language }
onboarding-language = I'll write in English. Prefer another language? Choose it below — /settings changes it later too.
onboarding-intro_short = Whenever you're ready, choose Continue and we'll set things up.
onboarding-intro =
    Hi, I'm backcoach. I help people get back to normal after an episode of low back pain: short check-ins on how an activity felt, clear traffic-light advice (green, amber, red), and a gradual plan for the movements that feel daunting — bending, lifting, twisting.

    What I am not: I don't diagnose, I don't replace your doctor or physiotherapist, and I'm not for emergencies. If you've not had your back looked at and something worries you, please see a clinician.
onboarding-consent =
    Before we start, a word on privacy (policy version { $version }). To coach you I store your answers about pain, confidence and the activities you log, plus your time zone and morning time — no name, username or phone number. It is used only to give you advice, you can ask for a copy or have it all deleted at any time, and it isn't shared with anyone.

    Do you agree to that?
onboarding-consent_short = Do you agree to the privacy notice above (policy version { $version })?
onboarding-declined = No problem — I haven't stored anything about your health. If you change your mind, send /start.
onboarding-adult = Are you 18 or older?
onboarding-under_18 = Thanks for being honest. I'm only built for adults, so I can't coach you — please talk to a parent, a GP or a physiotherapist about your back. Nothing about your health has been stored.
onboarding-redflag_intro = First, a few safety questions. Most people answer no to all of them.
onboarding-redflag = Safety check { $n } of { $total }: { $question }
onboarding-episode = When did this episode of back pain begin? Roughly is fine.
onboarding-episode_long = Pain that has lasted more than about three months deserves a proper review with a clinician if you haven't had one. I can still help you build up movement gradually alongside that.
onboarding-fear = How threatening does { $movement } feel to you right now?
onboarding-fear_low = not at all
onboarding-fear_high = very threatening
onboarding-portfolio_mode = Let's set up your movement portfolio: five short, familiar movements, one each for decompression, hip mobility, upper-back mobility, deep stabilisation and dynamic control. Shall I suggest a set, or would you like to pick each one?
onboarding-portfolio_mode_short = Your five portfolio movements: shall I suggest a set, or would you like to pick each one?
onboarding-portfolio_pick = Pick one movement for { $purpose }:
onboarding-tz = Which time zone are you in? Pick one, or type your city — it makes sure my morning message reaches you in the morning.
onboarding-tz_noted = { $tz } — noted.
onboarding-nudge_time = What time would you like your morning check-in message?
onboarding-time_noted = { $tz } — { $time } each morning.
onboarding-breaks =
    Last one: micro-breaks. Sitting or standing still for long stretches lets stiffness build up; a minute of easy movement every so often keeps it away. On working days between { $start } and { $end }, about every { $minutes ->
        [one] minute
       *[other] { $minutes } minutes
    }, I'd send you one: a movement you can do at your desk or standing, or a minute of slow breathing. Leave a few unanswered and I'll send them less often; /settings turns them off.

    Would you like them?
onboarding-breaks_short = Micro-breaks on working days between { $start } and { $end }: would you like them?
onboarding-done =
    All set. Your settings:
    Time zone: { $tz }
    Morning message: { $time }
    Weekly recap: { $recap }
    Micro-breaks: { $breaks }
    Language: { $language }
    Movements to build up: { $ladders }

    We'll work on them gradually, a small step at a time, going by how your back responds rather than by the calendar. /settings changes any of the above.
onboarding-done_no_ladders =
    All set. Your settings:
    Time zone: { $tz }
    Morning message: { $time }
    Weekly recap: { $recap }
    Micro-breaks: { $breaks }
    Language: { $language }

    None of the movements felt threatening, so we'll focus on gentle movement and your portfolio. /settings changes any of the above.
onboarding-start_now = Would you like to do today's step now and check in on it?

## plan

plan-exposure = Today's step — { $ladder }, level { $level } of { $top }: { $step }. { $how }
plan-exposure_easier = Today's step — { $ladder }, level { $level } of { $top } (one easier than usual, because this morning was harder): { $step }. { $how }
plan-gentle = Today's gentle movement: { $name }. { $how }
plan-gentle_easier = Today's gentle movement, kept extra easy because this morning was harder: { $name }. { $how }
plan-held_week = Your mornings have been a bit sorer this week than last, so let's hold steady rather than step up this week.
plan-progress_header =
    Where you are — phase: { $phase }

    { $ladders }
plan-progress_ladder = { $ladder }: level { $level } of { $top } ({ $step }) — recent: { $lights }
plan-progress_empty = No movement ladders yet. Gentle movement and your portfolio are the focus for now.
plan-no_lights = no check-ins yet
plan-portfolio_reminder = From your portfolio today: { $name }. { $how }

## checkin

checkin-pending = Your check-in on { $activity } is still waiting for one answer: how the pain is now. Answer it now, or start a new check-in and come back to it?
checkin-choose = What are you checking in on?
checkin-portfolio = Which portfolio movement?
checkin-baseline = { $activity }. Before you start: how much pain do you have right now?
checkin-baseline_short = Pain right now, before you start, 0–10?
checkin-expected = How much pain do you expect at the worst moment while you do it?
checkin-confidence = How confident are you that you can do it without harming your back?
checkin-go_exposure =
    Here's the step: { $how }

    Go gently and stay in control. Stop if pain becomes sharp, spreads down a leg, or climbs well past what you expected. Tell me when you've done it — or if today isn't the day.
checkin-go_exercise =
    { $activity }: { $how }
    { $cues }
    { $feel }
    { $options }
    { $stop_if }

    Tell me when you've done it — or if today isn't the day.
checkin-go_short = { $activity }: tell me when you've done it — or if today isn't the day.
checkin-during = Well done for doing it. What was the worst pain during it?
checkin-a1 = How is the pain now?
checkin-a2 = And now, about two hours after — how is the pain?
checkin-confidence_after = Now that you've done it: how confident are you that it can be done without harming your back?
checkin-skipped = That's fine — "not today" is a choice, not a failure. I've noted it. Try again when it suits you.
checkin-wait_a1 = Thanks. I'll check back in about an hour to see how your back has settled.
checkin-wait_a2 = I'll ask once more at the two-hour mark.
checkin-hour1 = an hour later
checkin-hour2 = two hours later
checkin-followup_intro = Checking in on { $activity }:
checkin-followup_later = It's time to tell me how your back is after { $activity } — once you've finished here, send /checkin and I'll ask.
checkin-pain_none = no pain
checkin-pain_worst = worst pain imaginable
checkin-conf_none = not at all confident
checkin-conf_full = completely confident

## after

after-settled = { $pain } { $when } is back within a point of your { $b } at the start: it has settled.
after-above = { $pain } { $when } is still { $diff ->
        [one] 1 point
       *[other] { $diff } points
    } above your { $b } at the start: it hasn't settled yet.
after-well_above = { $pain } { $when } is well above your { $b } at the start.

## advice

advice-green = { $light }: carry on, and we can build from here.
advice-amber = { $light }: carry on, but carefully — keep an eye on how it feels.
advice-red = { $light }: let's scale back a little before trying this again.
advice-unfinished = { $light }: I don't have the follow-up answers, so this one doesn't count towards progress.
advice-expect_better = You expected { $expected } and it peaked at { $d }. Your back handled it better than you predicted — that is exactly the kind of evidence that helps a movement feel safe again.
advice-expect_same = You expected { $expected } and it peaked at { $d } — just as you predicted.
advice-expect_worse = You expected { $expected } and it peaked at { $d }: { $diff ->
        [one] 1 point
       *[other] { $diff } points
    } more than you predicted. That's useful to know; we'll keep the next steps small.
advice-expect_worse_little = You expected { $expected } and it peaked at { $d }, one point more than you predicted.
advice-confidence = Your confidence went from { $before } before to { $after } after.
advice-nonlinear = Recovery rarely runs in a straight line. A harder day is a normal part of rebuilding, not a sign of damage: we ease back to the level before, and build up again from there.
advice-not_a_substitute = I'm a coach, not a substitute for a clinician: if the pain is severe, keeps rising, or comes with new symptoms, please get it checked.

## reason.green

reason-green-steady = Pain went from { $b } to { $d } during and was { $a1 } an hour later: no worse than when you started, and settled within the hour.
reason-green-mild = Pain went from { $b } to { $d } during and was { $a1 } an hour later: mild all along, and settled within the hour.

## reason.red

reason-red-rise = Pain rose from { $b } to { $d } during — a jump of { $rise ->
        [one] 1 point
       *[other] { $rise } points
    }, too big for one step right now.
reason-red-severe = Pain rose from { $b } to { $d } during — up into severe pain, which is more than this step should cost right now.
reason-red-unsettled = Pain went from { $b } to { $d } and was still { $a2 } two hours later: it hadn't settled back near where you started.
reason-red-morning = Your pain the next morning was well above your usual.

## reason.amber

reason-amber-rise = Pain went from { $b } to { $d } during and was { $a1 } an hour later: it settled within the hour, but rose a bit more than ideal during.
reason-amber-late = Pain went from { $b } to { $d } during, was { $a1 } after an hour and { $a2 } after two: it settled, but took a while.

## reason.unfinished

reason-unfinished-a1 = Pain went from { $b } to { $d } during; I'll know more after the one-hour follow-up.
reason-unfinished-a2 = Pain went from { $b } to { $d } during and was { $a1 } after an hour; I'll know more at the two-hour mark.

## next

next-up = Next time: { $ladder } level { $level } of { $top } — { $step }.
next-top = You're at the top of the { $ladder } ladder ({ $step }). Keep it in your week as an everyday movement.
next-repeat = Next time: stay at { $ladder } level { $level } — { $step } — until it feels comfortable twice in a row.
next-back = Next time: { $ladder } level { $level } — { $step }. Once that feels comfortable, we'll return to the level above.
next-return = Next time: back to { $ladder } level { $level } — { $step }.
next-hold_reds = Next time: stay at { $ladder } level { $level } — { $step }. Progression is paused for now.
next-hold_week = Next time: stay at { $ladder } level { $level } — { $step }. We're holding steady this week because your mornings have been sorer.
next-none = Your { $ladder } ladder stays at level { $level } ({ $step }); today's easier step doesn't move it.
next-hard_day = Next time: stay at { $ladder } level { $level } — { $step }. You started today at { $b }, a very painful day, so we won't build on this one; well done for doing it.
next-phase_top = Next time: stay at { $ladder } level { $level } — { $step }. That's as far as this stage of recovery goes; the next levels open up as the phase moves on.
next-gentle_green = That suits your back well. Keep it up, and you can add a little time or range next time.
next-gentle_amber = Keep it at about this amount for now, and see how it feels next time.
next-gentle_red = Do a little less next time — a shorter or gentler version — and build back up from there.

## morning

morning-waking = Good morning. How much pain did you have when you woke up today?
morning-first = Thanks — { $pain } on waking. After a few mornings I'll know what's usual for you.
morning-usual = { $pain } on waking — about your usual ({ $usual }).
morning-better = { $pain } on waking — better than your usual ({ $usual }). Nice.
morning-bad = { $pain } on waking — a harder morning than your usual ({ $usual }). That happens and isn't a sign of damage. Let's go a little easier today.
morning-closed_red = Your { $activity } check-in: waking pain of { $pain } against a usual { $usual } suggests it was a bit much, so that step goes down one level for now.
morning-closed_unfinished = Your earlier { $activity } check-in never got its follow-up answer, so I've closed it without a light — it won't count either way.
morning-start_now = Would you like to do today's step now?
morning-pain_none = no pain
morning-pain_worst = worst pain imaginable

## safety

safety-heard = What you've told me can be a sign of something that needs a doctor rather than a coach.
safety-unsure = You weren't sure, so to be on the safe side I'll treat that as a yes.
safety-emergency =
    Please get emergency medical help now: call { $emergency } or go to the nearest emergency department. Tell them you have back pain and describe any changes you've noticed. Don't wait to see if it passes.

    I've paused coaching: this needs a clinician, and I'm not a substitute for one.
safety-urgent =
    Please contact a doctor today (your GP or an urgent care service; in the UK, NHS 111) and tell them about your back pain and any changes you've noticed. It may well be nothing serious, but it needs checking before we carry on. If you feel very unwell or it gets worse quickly, call { $emergency }.

    I've paused coaching until then: I'm a coach, not a substitute for a clinician.
safety-emergency_before_consent =
    Please get emergency medical help now: call { $emergency } or go to the nearest emergency department, and tell them you have back pain and describe any changes you've noticed. Don't wait to see if it passes.
safety-urgent_before_consent =
    Please contact a doctor today and tell them about your back pain and any changes you've noticed: it needs checking before any exercise coaching. If you feel very unwell or it gets worse quickly, call { $emergency }.
safety-not_stored = I haven't stored anything you wrote.
safety-checked = Has a doctor or physiotherapist checked you since these symptoms began?
safety-cleared = Did they say that gentle activity is fine for you?
safety-not_yet = Okay. Coaching stays paused until you've been checked, so please don't put it off. If things get worse, call { $emergency }.
safety-keep_paused = Then let's keep coaching paused and follow their advice. Once a clinician has said gentle activity is fine, tell me here.
safety-resumed = Thank you for getting checked; I've noted it. Let's carry on, gently.
safety-local_emergency = your local emergency number ({ $number } works from most mobile phones)

## crisis

crisis-reply =
    I'm really sorry you're feeling like this. You don't have to carry it alone, and talking to someone can help, right now.

    If you might act on these thoughts, or you're in danger, call { $emergency } now.

    People you can talk to, free and in confidence:
    { $helplines }

    I'm a back-pain coach, so I'm not the right support for this. Please reach out to one of them, or to someone you trust.
crisis-safe_now = Are you safe right now?
crisis-unsafe =
    Please call { $emergency } now, or go to your nearest emergency department. If you can, stay with someone, or let someone near you know how you're feeling.

    { $helplines }
crisis-glad = Thank you for telling me. I'm glad you're safe right now.
crisis-carry_on_or_rest = There's no rush. We can leave the back-pain coaching for now and carry on whenever you choose.
crisis-resting = That's fine. I won't ask about exercises until you say you'd like to carry on. The helplines above are there any time, day or night.
crisis-whenever = Whenever you'd like to carry on with the coaching, just say so.
crisis-listening = I'm here. Whenever you're ready:
crisis-back = Alright, let's carry on, gently. If those feelings come back, the helplines are always there.
crisis-morning =
    Good morning. I wanted to check in after yesterday: how are you doing today?

    If things feel like too much, you can talk to someone now, free:
    { $helplines }
crisis-morning_ok = I'm glad. Whenever you feel like it, /morning does today's check, with no pressure.
crisis-ask = I want to be sure I've understood you. Are you having thoughts of ending your life or harming yourself?
crisis-ask_clear =
    Thank you for telling me. If things ever feel like too much, you can talk to someone any time, free:
    { $helplines }
crisis-check_before_consent =
    If you're having thoughts of ending your life or harming yourself, please talk to someone now, free and in confidence:
    { $helplines }

    If you're in danger, call { $emergency }.

## rescreen

rescreen-weekly = Before next week, the weekly safety check: the same short questions as at the start. Most people answer no to all of them.
rescreen-after_red = Because that one was a red, one quick safety question.
rescreen-quick =
    Since we last checked, have you noticed any of these?
    { $signs }
rescreen-question = Safety check { $n } of { $total }: { $question }
rescreen-clear = Thanks. None of those warning signs, so let's keep going.
rescreen-corrected = Thanks for putting that right. I've noted your new answer as a correction, and coaching isn't paused after all.
rescreen-clarify = You mentioned a leg feeling weak. Is the weakness in both legs, or getting worse day by day?
rescreen-clarify_clear = Thanks. A leg can feel weak or heavy with back pain, and on its own that isn't an emergency. If it spreads to both legs, keeps getting weaker, or you notice numbness around your genitals, back passage or inner thighs, or trouble peeing, get emergency help ({ $emergency }).
rescreen-check = You mentioned something I'd like to check, to be safe. Since your back pain began, have you noticed any change in your bladder or bowel control, in the feeling around your bottom, genitals or inner thighs, in your sex life, or in both legs?
rescreen-check_short = Since your back pain began, any change in bladder or bowel control, in the feeling down below, in your sex life, or in both legs?
rescreen-check_clear = Thank you. If any of those do change, tell me straight away: they need a doctor quickly ({ $emergency }).
rescreen-check_before_consent =
    If you've noticed any new change in your bladder or bowel control, numbness around your bottom, genitals or inner thighs, a new problem with sex, or symptoms in both legs, please get emergency help now: call { $emergency }.
rescreen-clarify_before_consent =
    You mentioned a leg feeling weak. If the weakness is in both legs, is getting worse day by day, or comes with numbness around your genitals, back passage or inner thighs, or trouble peeing, get emergency help now: call { $emergency }.

## privacy

privacy-notice =
    What I keep, and why (privacy notice version { $version }):
    • your answers about pain, confidence and the activities you log — to give you advice and track your progress;
    • your movement ratings, ladder levels and portfolio — to choose your next steps;
    • your answers to the safety questions — so that coaching stops when something needs a doctor;
    • your time zone, morning time and reminder settings — to reach you at sensible times;
    • a numeric chat id to send you messages. No name, username or phone number.

    Nothing is shared or sold. If you don't use the coach for 12 months, everything is deleted automatically.
    /export sends you a copy of everything I hold; /delete erases all of it, for good.
privacy-export = Here is everything I hold about you: all of it as a JSON file, and your check-ins as a CSV you can open in a spreadsheet.
privacy-confirm_delete = This erases everything I hold about you — check-ins, levels, settings, safety answers — for good, and I won't message you again. Are you sure?
privacy-deleted = Done. Everything about you has been erased and I won't send you anything more. If you ever want to start again, send /start.
privacy-kept = Nothing deleted — your data stays as it was.
privacy-new_version =
    The privacy notice has changed (now version { $version }). In short: I keep your answers about pain, confidence and activities, your ladder levels and settings, and your safety answers — only to coach you, never shared — and delete everything after 12 months without use. /privacy has the details.

    Do you agree, so that we can carry on?
privacy-agreed = Thank you. Let's carry on.
privacy-declined = Understood. I won't coach you or send you anything until you agree — send anything to see the notice again. /delete erases everything I hold.
privacy-begin_again = Send /start to begin again.

## redflag.q

redflag-q-bladder = Have you had any new trouble passing urine, or any loss of bladder control?
redflag-q-bowel = Have you had any loss of bowel control?
redflag-q-saddle = Do you have any numbness or odd sensation around your genitals, back passage or inner thighs?
redflag-q-sexual = Have you noticed any new problem with sexual function since the back pain began?
redflag-q-both_legs = Do you have pain, weakness or numbness in both legs?
redflag-q-weakness = Is there weakness in a leg that is getting worse?
redflag-q-fever = Do you have a fever, or feel generally unwell?
redflag-q-cancer = Have you ever had cancer?
redflag-q-trauma = Did this start after a significant fall or accident?
redflag-q-weight = Have you lost weight recently without trying?
redflag-q-night = Do you have severe pain at night that doesn't ease when you change position?
redflag-q-fracture = Have you taken steroid tablets for a long time, or been told you have osteoporosis (thin bones), and did this pain come on suddenly?

## redflag.sign

redflag-sign-bladder = new trouble peeing, or leaking or losing control of your bladder
redflag-sign-bowel = losing control of your bowels
redflag-sign-saddle = numbness or an odd feeling around your genitals, back passage or inner thighs
redflag-sign-sexual = a new problem with sexual function
redflag-sign-both_legs = pain, weakness or numbness in both legs
redflag-sign-weakness = a leg that is getting weaker

## synonym

synonym-yes = yes|y|yeah|yep|yup|ya|yes please
synonym-no = no|n|nope|nah|not really
synonym-unsure = not sure|unsure|dont know|do not know|i dont know|i do not know|im not sure|i am not sure|dunno|idk|maybe|not certain
synonym-wrong = wrong|wrong one|wrong button|i pressed the wrong one|i tapped the wrong one|i pressed the wrong button|oops|mistake|undo
synonym-ok = ok|okay|sure|alright|k
synonym-cancel = cancel|stop|never mind|nevermind|leave it|forget it

## goals

goals-ask_onboarding = Now about you: which everyday things does your back make hard that you'd like back? Pick one, or type your own in a few words (up to { $chars } characters). Up to { $max }.
goals-ask = Which everyday activity would you like to get back to? Pick one below, or type your own in a few words (up to { $chars } characters).
goals-ask_short = Pick an activity below, or type your own in a few words (up to { $chars } characters).
goals-movements = Which movements does “{ $goal }” need? Tap each one that applies, then Done.
goals-movements_more = So far: { $picked }. Tap any others that “{ $goal }” needs, or Done.
goals-rate_new = How well can you do “{ $goal }” at the moment?
goals-rate_weekly = Time for this week's goal ratings — a quick 0–10 for each. How well can you do “{ $goal }” at the moment?
goals-rate = Goal { $n } of { $total }: how well can you do “{ $goal }” at the moment?
goals-rate_low = can't do it at all
goals-rate_high = as well as before my back pain
goals-added = Added: “{ $goal }”, at { $now }/10 for now.
goals-more = Would you like to add another? You can have up to { $max }.
goals-list =
    Your goals:
    { $lines }
goals-list_onboarding =
    Your goals:
    { $lines }
    They decide which movements we build up first, and once a week, with your recap, I'll ask how each is going.
goals-none_yet = You haven't named any goals yet: everyday things your back makes hard that you'd like back (up to { $max }).
goals-skipped = No problem — you can add goals any time with /goals.
goals-menu =
    Your goals:
    { $lines }

    What would you like to do?
goals-menu_line = • { $goal } — { $now }/10 ({ $on })
goals-menu_line_unrated = • { $goal } — not rated yet
goals-pick_rename = Which goal would you like to rename?
goals-pick_retire = Which goal would you like to retire? Its ratings stay in your history.
goals-rename = What would you like to call “{ $goal }” instead? A few words are plenty.
goals-renamed = Done — “{ $old }” is now “{ $new }”.
goals-retired = Done — “{ $goal }” is retired. Well done if that's because you've got it back.
goals-unchanged = Your goals are as they were.
goals-rated =
    Thanks. How your goals are going:
    { $lines }
goals-empty = I didn't catch an activity there. Pick one below, or type it in a few words.
goals-too_long = That's { $length ->
        [one] 1 character
       *[other] { $length } characters
    } — please keep it to { $chars } or fewer, like "sit through a film".
goals-no_words = Please put the activity in words, like "carry the shopping".
goals-link = Just the activity in a few words, please — no links.
goals-line_first = • { $goal }: { $now }/10
goals-line_same = • { $goal }: { $now }/10, the same as on { $since }
goals-line_real_up = • { $goal }: { $first } → { $now } since { $since } ({ $diff }: a real change)
goals-line_real_down = • { $goal }: { $first } → { $now } since { $since } ({ $diff }: a real drop — if it stays down, mention it to your physiotherapist or doctor)
goals-line_small = • { $goal }: { $first } → { $now } since { $since } ({ $diff }: within the usual ups and downs — a change of { $real } or more is one that counts)
goals-rate_note = It's also time to rate your goals again — send /goals when you're ready.
goals-btn_skip = Not now
goals-btn_add = Add a goal
goals-btn_rate = Rate them now
goals-btn_rename = Rename one
goals-btn_retire = Retire one
goals-btn_keep = Leave them as they are
goals-btn_movement = { $name }
goals-btn_movement_on = ✓ { $name }
goals-btn_done = Done
goals-btn_none = None of these
goals-btn_yes_more = Add another
goals-btn_no_more = That's all
goals-step_part = Your goal, a first try: { $goal }
goals-step_part_how = Try a small, easy part of “{ $goal }” — a few minutes, or the lightest version of it — using the movement you've been practising. Stop while it still feels comfortable.
goals-step_whole = Your goal: { $goal }
goals-step_whole_how = Do “{ $goal }” as you'd normally do it, at an easy pace, with breaks whenever you want them.

## goals.suggestion

goals-suggestion-pick_up_child = Pick up my child
goals-suggestion-sit_film = Sit through a film
goals-suggestion-garden = An hour in the garden
goals-suggestion-shopping = Carry the shopping
goals-suggestion-socks = Put my socks on
goals-suggestion-drive = Drive for an hour
goals-suggestion-housework = Do the housework
goals-suggestion-play_floor = Play on the floor with the kids

## summary

summary-green = green
summary-amber = amber
summary-red = red
summary-ready = Here's your one-page summary to show your physiotherapist or doctor: your pain around activities, your lights, your ladders, your goals and your safety checks. It has no name on it.
summary-ready_empty = Here's your one-page summary. There are no check-ins yet, so it says so — it fills up as you log activities with /checkin.
summary-just_sent = I sent your summary a moment ago — it's just above.
summary-title = Back pain recovery — summary for a clinician
summary-subtitle = From backcoach, a self-management coach (not a diagnosis). Figures are the person's own 0–10 ratings.
summary-period = Period
summary-period_value = { $start } – { $end } ({ $weeks ->
        [one] 1 week
       *[other] { $weeks } weeks
    } shown)
summary-episode = Episode began
summary-episode_value = about { $date } ({ $weeks ->
        [one] 1 week
       *[other] { $weeks } weeks
    } ago)
summary-episode_unknown = not given
summary-phase = Phase now
summary-phase_flare = { $phase } — flare-up plan since { $since }
summary-phase_paused = { $phase } — progression paused since { $since }
summary-checkins = Check-ins
summary-checkins_value = { $done } done · { $skipped } set aside ("not today") · { $unfinished } not finished
summary-made = Made
summary-screens = Red-flag screens
summary-screen_clear = { $date } · { $context }: no red flags
summary-screen_flags = { $date } · { $context }: { $flags }
summary-screen_none = No screens recorded in this period.
summary-hold_now = Coaching held now ({ $kind }) since { $date }, until a clinician has checked them.
summary-hold_assessed = Reported checked by a clinician on { $date }; coaching resumed.
summary-hold_emergency = emergency signs
summary-hold_urgent = urgent signs
summary-context_onboarding = first screen
summary-context_weekly = weekly screen
summary-context_after_red = after a red light
summary-context_free_text = in a typed message
summary-context_correction = answer corrected
summary-answer_yes = yes: { $flag }
summary-answer_unsure = not sure: { $flag }
summary-flag_other = a possible red flag
summary-pain_title = Pain around activities (0–10, daily mean)
summary-pain_before = before
summary-pain_during = worst during
summary-pain_after = 1 hour after
summary-lights_title = Lights per week
summary-ladders_title = Ladder levels by week
summary-ladder_line = { $ladder }: level { $level } of { $top } now ({ $step }); this period { $path }
summary-ladders_none = No exposure ladders.
summary-goals = Own goals (0 = can't do it, 10 = as before; a change of 2 or more is real)
summary-goal_line = “{ $goal }”: { $ratings }
summary-goal_unrated = not rated
summary-goal_retired = (retired)
summary-goal_real = — change { $diff }: real
summary-goal_small = — change { $diff }: below { $real }, within the noise
summary-goals_none = No goals named.
summary-goals_title = Goal ratings by week
summary-evidence = Expectancy (predicted vs actual peak pain on exposure steps)
summary-evidence_value = { $better } of { $count ->
        [one] 1 step
       *[other] { $count } steps
    } hurt less than predicted (mean predicted { $expected }, mean peak { $during }).
summary-evidence_none = No predictions made in this period.
summary-empty = No check-ins yet: the charts fill up as activities are logged.
summary-week = week of
summary-level = level
summary-rating = rating

## summary.flag

summary-flag-bladder = bladder
summary-flag-bowel = bowel
summary-flag-saddle = saddle numbness
summary-flag-sexual = sexual function
summary-flag-both_legs = both legs
summary-flag-weakness = worsening leg weakness
summary-flag-fever = fever or unwell
summary-flag-cancer = history of cancer
summary-flag-trauma = fall or accident
summary-flag-weight = weight loss
summary-flag-night = night pain
summary-flag-fracture = fracture risk
summary-flag-check_cauda = near the emergency signs (asked)
summary-flag-one_leg_weak = weak leg (asked)
