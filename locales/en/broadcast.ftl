## Broadcasts (organisers)
button-skip = Skip
button-send = Send
broadcast-ask-fr = New broadcast. Send the French text:
broadcast-ask-ja = Now send the Japanese text:
broadcast-ask-en = English text (optional): send it, or press Skip.
broadcast-ask-audience = Who should receive it?
broadcast-ask-session = Send the session id (people with it in their agenda will receive it):
broadcast-ask-preview = Check the preview, then send.
broadcast-cancelled = Broadcast cancelled: nothing was sent.
broadcast-too-long = This text is too long (at most { $max } characters).
broadcast-bad-time = I did not understand the time: write YYYY-MM-DD HH:MM (venue time), or press Send.
# $language: the code of the version (fr, ja, en)
broadcast-preview = Preview of the { $language ->
        [fr] French
        [ja] Japanese
       *[en] English
    } version:
# $audience: one of the audience-…-phrase messages below
broadcast-recipients = Recipients: { $total ->
        [one] { $total } person
       *[other] { $total } people
    } ({ $audience }) – French { $fr }, Japanese { $ja }, English { $en }; Telegram { $telegram }, LINE { $line }.
broadcast-quota = LINE: this broadcast uses { $uses ->
        [one] { $uses } message
       *[other] { $uses } messages
    } { $remaining ->
        [0] with none left this month
        [one] of the only one left this month
       *[other] of the { $remaining } left this month
    } (monthly quota { $limit }).
broadcast-quota-unlimited = LINE: this broadcast uses { $uses ->
        [one] { $uses } message
       *[other] { $uses } messages
    } (no monthly limit).
broadcast-quota-short = { $missing ->
        [one] ⚠ { $missing } LINE message short: it will wait for its recipient's next message, and go free with my reply.
       *[other] ⚠ { $missing } LINE messages short: they will wait for their recipients' next messages, and go free with my replies.
    }
broadcast-confirm = Press Send, or write a date and time (YYYY-MM-DD HH:MM) to schedule it.
broadcast-queued = Broadcast No. { $id } is going to { $audience } ({ $count ->
        [one] { $count } recipient
       *[other] { $count } recipients
    }). You will get a report when it is done.
broadcast-scheduled = Broadcast No. { $id } is scheduled for { $when } (venue time), to { $audience } ({ $count ->
        [one] { $count } recipient
       *[other] { $count } recipients
    }).
# Buttons (LINE: at most 20 characters); $language: fr, ja or en
audience-all = Everyone
audience-language = { $language ->
        [fr] French speakers
        [ja] Japanese speakers
       *[en] English speakers
    }
audience-channel = On { $channel }
audience-track = { $track } workshop
audience-session = A session…
# The audience in a sentence ("is going to …", "Recipients: 3 people (…)")
audience-all-phrase = everyone
audience-language-phrase = { $language ->
        [fr] French speakers
        [ja] Japanese speakers
       *[en] English speakers
    }
audience-channel-phrase = participants on { $channel }
# $track: track-workshop-phrase or track-other-phrase ("the Economy workshop")
audience-track-phrase = participants following { $track }
audience-session-phrase = participants with "{ $title }" in their agenda

## Programme edits (organisers)
set-usage = Usage: /set ID field value – fields: { $fields }. Example: /set ws-economy start 14:30
# $reason: one of the set-invalid-… messages below
set-invalid = Change refused: { $reason }
set-invalid-time = "{ $value }" is not a valid time; write it as HH:MM, for example 14:30.
set-invalid-end = the end time ({ $value }) must be after the start time.
set-invalid-date = "{ $value }" is not a valid date; write it as YYYY-MM-DD, for example 2024-11-20.
set-invalid-status = the status must be "confirmed" or "cancelled", not "{ $value }".
set-invalid-value = "{ $value }" does not fit the field { $field }.
set-done = Session { $id } changed ({ $fields }): the delegates concerned will be told.
set-unchanged = Session { $id } already had that value: nothing changed.
