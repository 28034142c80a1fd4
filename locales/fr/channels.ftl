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

## Telegram : description du bot (setMyDescription, 512 caractères au plus ; la courte, 120)
telegram-description =
    Je suis l'assistant des { $conference }, à { $city }.
    Posez-moi vos questions en français, en japonais ou en anglais : programme, salles, ateliers, thème des Rencontres. Gardez votre agenda, suivez un atelier, et recevez les rappels et les changements de programme.
telegram-short-description = L'assistant des { $conference } : programme, ateliers, agenda.
