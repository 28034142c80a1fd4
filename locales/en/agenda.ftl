## Personal agenda
button-agenda = My agenda
button-agenda-add = + My agenda
button-agenda-remove = − Remove
button-agenda-ics = Calendar (.ics)
agenda-added = "{ $title }" is in your agenda. I will remind you before it starts, and tell you if it changes.
agenda-already = "{ $title }" is already in your agenda.
agenda-removed = "{ $title }" is removed from your agenda.
agenda-not-there = "{ $title }" was not in your agenda.
agenda-cancelled = "{ $title }" is cancelled: it cannot be added.
agenda-empty = Your agenda is empty. Add sessions from the programme with "+ My agenda".
agenda-heading = Your agenda ({ $count ->
        [one] { $count } session
       *[other] { $count } sessions
    }):
agenda-clash = ⚠ overlaps
agenda-clash-note = ⚠ Some of your sessions overlap: you cannot attend all of them in full.
agenda-calendar-name = My agenda – Franco-Japanese meeting
agenda-ics = Here is your agenda ({ $count ->
        [one] { $count } session
       *[other] { $count } sessions
    }) to import into your calendar.

## Follows and settings
# $what: follow-all-changes, or track-workshop-phrase / track-other-phrase (main.ftl)
follow-on = You now follow { $what }: I will tell you about every change.
follow-off = You no longer follow { $what }.
follow-all-changes = the whole programme
follow-choose = What would you like to follow?
button-follow-all = All changes
button-unfollow-all = Stop all changes
button-follow-track = Follow { $track }
button-unfollow-track = Leave { $track }
button-settings = Settings
settings-heading = Your settings:
settings-all-changes = • All programme changes: { $state }
settings-workshops = • Workshops followed: { $workshops }
settings-reminders = • Reminders before your sessions: { $state } ({ $minutes } min before)
# $language: language-name (main.ftl)
settings-language = • Language: { $language }
state-on = on
state-off = off
state-none = none
button-reminders-off = Reminders: off
button-reminders-on = Reminders: on
button-reminder-minutes = Remind { $minutes } min
button-forget = Forget me
button-forget-confirm = Yes, erase all
button-cancel = Cancel
forget-confirm = Shall I erase everything I know about you (agenda, calendar link, follows, questions, settings)? This cannot be undone.
forget-cancelled = Nothing was erased.
forget-done = Done: everything is erased. If you write to me again, I will start afresh.
agenda-ics-unavailable = LINE cannot carry files: here is your agenda as a list (on Telegram, /agenda ics sends the calendar file).

## Online agenda (calendar feed)
button-agenda-feed-new = New link
feed-programme-name = Programme – Franco-Japanese meeting
agenda-feed =
    Your agenda ({ $count ->
        [one] { $count } session
       *[other] { $count } sessions
    }) is also an online calendar. Add this link to your calendar app as a subscribed calendar (in Google Calendar: "From URL"):
    { $url }
    It updates itself: the sessions you add, and those that move or are cancelled. This link is yours alone; if you shared it by mistake, "New link" makes another one and turns this one off.
    The whole programme, for everyone: { $programme }
agenda-feed-renewed =
    Here is your new link; the old one no longer works:
    { $url }
    If your calendar subscribed to the old link, subscribe it to this one.
