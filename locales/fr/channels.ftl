## Telegram : menu des commandes (setMyCommands, 256 caractères au plus)
telegram-command-programme = Le programme du jour (ou d'un jour : /programme 2024-11-20)
telegram-command-now = Les sessions en ce moment
telegram-command-next = Les prochaines sessions
telegram-command-workshops = Les ateliers
telegram-command-faq = Questions fréquentes : thème, ateliers, histoire
telegram-command-agenda = Mon agenda
telegram-command-settings = Abonnements, rappels et langue
telegram-command-lang = Changer de langue
telegram-command-help = Ce que je sais faire
# Bouton de détails d'une session, sous un message
telegram-card-button = { $label } : { $title }

## LINE : menu enrichi (textes de l'image et de la barre, 14 caractères au plus pour la barre)
richmenu-chat-bar = Menu
richmenu-programme = Programme
richmenu-now = En ce moment
richmenu-workshops = Ateliers
richmenu-faq = Questions
richmenu-agenda = Mon agenda
richmenu-language = 日本語
richmenu-language-hint = Japonais
