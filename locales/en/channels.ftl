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
richmenu-language = 日本語
richmenu-language-hint = Japanese
