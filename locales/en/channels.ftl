## Telegram: command menu (setMyCommands, at most 256 characters)
telegram-command-programme = Today's programme (or a day's: /programme 2024-11-20)
telegram-command-now = Sessions happening now
telegram-command-next = The next sessions
telegram-command-workshops = The workshops
telegram-command-faq = Frequent questions: theme, workshops, history
telegram-command-agenda = My agenda
telegram-command-settings = Follows, reminders and language
telegram-command-lang = Change language
telegram-command-help = What I can do
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
