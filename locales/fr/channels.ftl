## Telegram : menu des commandes (setMyCommands, 256 caractères au plus)
command-programme = Le programme du jour (ou d'un jour : /programme 2024-11-20)
command-now = Les sessions en ce moment
command-next = Les prochaines sessions
command-workshops = Les ateliers
command-faq = Questions fréquentes : thème, ateliers, histoire
command-agenda = Mon agenda
command-settings = Abonnements, rappels et langue
command-lang = Changer de langue
command-session = La fiche d'une session (son identifiant est sous chaque carte)
command-forget = Effacer tout ce que je garde sur vous
command-unanswered = Les questions restées sans réponse (organisateurs)
command-help = Ce que je sais faire
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
