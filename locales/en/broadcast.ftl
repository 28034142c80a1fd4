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
broadcast-preview = Preview ({ $language }):
broadcast-recipients = Recipients: { $total } (French { $fr }, Japanese { $ja }, English { $en }; Telegram { $telegram }, LINE { $line }).
broadcast-quota = LINE: this broadcast uses { $uses } messages of the { $remaining } left this month (quota { $limit }).
broadcast-quota-unlimited = LINE: this broadcast uses { $uses } messages (no monthly limit).
broadcast-quota-short = ⚠ { $missing } LINE messages short: those will wait for their recipient's next message, and go free with my reply.
broadcast-confirm = Press Send, or write a date and time (YYYY-MM-DD HH:MM) to schedule it.
broadcast-queued = Broadcast No. { $id } is going to { $count } recipients. You will get a report when it is done.
broadcast-scheduled = Broadcast No. { $id } is scheduled for { $when } ({ $count } recipients).
audience-all = Everyone
audience-language = In { $language }
audience-channel = On { $channel }
audience-track = Following { $track }
audience-session = A session…

## Programme edits (organisers)
set-usage = Usage: /set ID field value – fields: { $fields }. Example: /set ws-economy start 14:30
set-invalid = Change refused: { $reason }
set-done = { $id } changed ({ $fields }). The delegates concerned are being told.
