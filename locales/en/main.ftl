## Formats (babel patterns)
fmt-day-pattern = EEE d MMM
fmt-time-pattern = HH:mm
fmt-time-range = { $start }–{ $end }
fmt-when = { $day }, { $start }–{ $end } ({ $zone })
# Between the items of a list (rooms, days, speakers, workshops)
list-separator = {", "}
# A language's name, by its code (settings)
language-name = { $code ->
        [fr] French
        [ja] Japanese
       *[en] English
    }

## Welcome and help
welcome =
    Hello! I am the assistant of the { $conference }, in { $city }.
    Ask me about times, rooms, the workshops and the theme, in English, French or Japanese.
help =
    Just write to me, for example:
    • "When is the environment workshop?"
    • "Where is the society workshop?"
    • "tomorrow's programme"
    • "What is the theme?"
help-commands = Commands:
help-line = { $command } – { $description }
unsupported-message = I can only read text. Type your question or choose below.
unknown-command = I don't know the command { $command }. Here is what I can do:
fallback = I have no reliable answer to that. I have passed your question on to the organisers. You can also choose a topic below.
error-apology = Sorry, something went wrong on my side. Please try again in a moment.
slow-down = You are sending messages faster than I can answer them. I am answering your earlier ones first; the latest were not taken in, so please send them again in a moment if needed.
group-private-only = This command only works in a private chat with me: in a group, I only give the programme and answers from the FAQ.

## Buttons (LINE: at most 20 characters)
button-programme = Programme
button-now = Now
button-next = Next
button-today = Today
button-workshops = Workshops
button-lang = Language
button-help = Help
button-details = Details

## Language
language-choose = Which language would you like me to use?
language-set = Done: I will answer in English from now on.

## Programme
programme-sample-notice = ⚠ Sample programme: the detailed timetable has not been published; the organisers will replace this example.
programme-empty = The programme has not been loaded yet. The organisers will publish it soon.
programme-day-empty = No session on { $day }. Programme days: { $days }
programme-day-heading = Programme for { $day } ({ $zone }) – { $count ->
        [one] { $count } session
       *[other] { $count } sessions
    }:
programme-line = • { $time } { $title } – { $room }
# When the title already names the room ("Visit: Shizuoka Sengen shrine")
programme-line-no-room = • { $time } { $title }
programme-countdown = { $days ->
        [one] The meeting starts tomorrow, { $first }.
       *[other] The meeting starts in { $days } days, on { $first }.
    }
programme-ended = The meeting ended on { $last }. Thank you for taking part! The programme is still available day by day:
programme-bad-day = I don't recognise the day "{ $day }". Choose a day:
now-nothing = Nothing is on right now.
now-heading = { $count ->
        [one] On now:
       *[other] On now ({ $count } sessions in parallel):
    }
next-nothing = There are no more sessions to come.
next-heading = Next, { $when }:
track-no-session = No "{ $track }" session is in the programme yet.
workshops-heading = { $count ->
        [one] The workshop:
       *[other] The { $count } workshops:
    }
workshops-none-scheduled = Their times are not in the programme yet.
search-heading = { $count ->
        [one] This session matches:
       *[other] These sessions match:
    }
# A kind of session in a sentence ("You now follow …", "participants following …")
track-workshop-phrase = the { $track } workshop
track-other-phrase = "{ $track }" sessions

## Sessions
session-sentence = "{ $title }": { $when }, { $room }.
session-sentence-no-room = "{ $title }": { $when }.
session-sentence-cancelled = "{ $title }": { $when }, { $room } – this session is cancelled.
session-sentence-cancelled-no-room = "{ $title }": { $when } – this session is cancelled.
session-when = When: { $when }
session-room = Where: { $room }
session-track = Type: { $track }
session-speakers = Speakers: { $speakers }
session-cancelled = ⚠ This session is cancelled.
session-unknown = I can't find the session "{ $id }". See the programme:
status-cancelled = (cancelled)
room-unknown = room to be confirmed

## Venue
venue-known = The meeting takes place at { $venue }, { $city }.
venue-unknown = The meeting takes place in { $city }. The precise venue is not in this assistant yet; each session's room is in the programme.
venue-rooms = Rooms in the programme: { $rooms }

## Console
console-intro = Rencontres assistant – type your question, a number to press a button, /quit to leave.
console-rehearse = The Rencontres are not on today. To rehearse a conference day, start again with --now, for example: confbot console --now { $example }
