## Pushed messages
notify-changed = Programme change: "{ $title }"
notify-time = Time: { $old } → { $new }
notify-room = Room: { $old } → { $new }
notify-cancelled = ⚠ This session is cancelled.
notify-reinstated = This session is going ahead again.
notify-added = New session in the programme: "{ $title }", { $when }, { $room }.
notify-added-no-room = New session in the programme: "{ $title }", { $when }.
notify-removed = "{ $title }", planned for { $when }, has been removed from the programme.
notify-reminder = Reminder: "{ $title }" starts soon – { $when }, { $room }.
notify-reminder-no-room = Reminder: "{ $title }" starts soon – { $when }.
broadcast-heading = 📢 Message from the organisers:
broadcast-report = Broadcast No. { $id } finished: { $sent } sent, { $failed } failed, { $blocked } blocked, { $waiting } waiting for the LINE quota.
answer-later-heading =
    You asked us: “{ $question }”
    Here is the organisers' answer:
