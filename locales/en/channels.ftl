## Telegram: command menu (setMyCommands, at most 256 characters)
command-programme = Today's programme (or a day's: /programme 2024-11-20)
command-now = Sessions happening now
command-next = The next sessions
command-workshops = The workshops
command-faq = Frequent questions: theme, workshops, history
command-agenda = My agenda
command-settings = Follows, reminders and language
command-lang = Change language
command-session = One session's details (its id is under each card)
command-forget = Erase everything I keep about you
command-unanswered = Questions left unanswered (organisers)
command-help = What I can do
# Details button of a session, under a message
telegram-card-button = { $label }: { $title }

## LINE: rich menu (image and chat bar texts; the chat bar holds at most 14 characters)
richmenu-chat-bar = Menu
richmenu-programme = Programme
richmenu-now = Now / next
richmenu-workshops = Workshops
richmenu-faq = Questions
richmenu-agenda = My agenda

## Telegram: the bot's description (setMyDescription, 512 characters at most; the short one, 120)
telegram-description =
    I am the assistant of the { $conference }, in { $city }.
    Ask me in English, French or Japanese about the programme, the rooms, the workshops and the theme. Keep your own agenda, follow a workshop, and get reminders and programme changes.
telegram-short-description = The assistant of the { $conference }: programme, workshops, agenda.
