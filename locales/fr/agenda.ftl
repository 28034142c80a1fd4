## Agenda personnel
button-agenda = Mon agenda
button-agenda-add = + Mon agenda
button-agenda-remove = − Retirer
button-agenda-ics = Calendrier (.ics)
agenda-added = J'ai ajouté « { $title } » à votre agenda. Je vous préviendrai peu avant son début, et à chaque changement.
agenda-already = « { $title } » est déjà dans votre agenda.
agenda-removed = J'ai retiré « { $title } » de votre agenda.
agenda-not-there = « { $title } » n'était pas dans votre agenda.
agenda-cancelled = Impossible d'ajouter « { $title } » à votre agenda : cette session est annulée.
agenda-empty = Votre agenda est vide. Ajoutez des sessions depuis le programme avec « + Mon agenda ».
agenda-heading = Votre agenda ({ $count ->
        [one] { $count } session
       *[other] { $count } sessions
    }) :
agenda-clash = ⚠ chevauchement
agenda-clash-note = ⚠ Certaines de vos sessions se chevauchent : vous ne pourrez pas les suivre toutes en entier.
agenda-calendar-name = Mon agenda – Rencontres franco-japonaises
agenda-ics = Voici votre agenda ({ $count ->
        [one] { $count } session
       *[other] { $count } sessions
    }) à importer dans votre calendrier.

## Abonnements et réglages
# $what : follow-all-changes, ou track-workshop-phrase / track-other-phrase (main.ftl)
follow-on = Vous suivez désormais { $what } : je vous préviendrai de chaque changement.
follow-off = Vous ne suivez plus { $what }.
follow-all-changes = l'ensemble du programme
follow-choose = Que voulez-vous suivre ?
button-follow-all = Tous les changements
button-unfollow-all = Ne plus tout suivre
button-follow-track = Suivre { $track }
button-unfollow-track = ✕ { $track }
button-settings = Réglages
settings-heading = Vos réglages :
settings-all-changes = • Tous les changements du programme : { $state }
settings-workshops = • Ateliers suivis : { $workshops }
settings-reminders = • Rappels avant vos sessions : { $state } ({ $minutes } min avant)
# $language : language-name (main.ftl)
settings-language = • Langue : { $language }
state-on = oui
state-off = non
state-none = aucun
button-reminders-off = Rappels : non
button-reminders-on = Rappels : oui
button-reminder-minutes = Rappel { $minutes } min
button-forget = M'oublier
button-forget-confirm = Oui, tout effacer
button-cancel = Annuler
forget-confirm = Voulez-vous que j'efface tout ce que je sais de vous (agenda, lien de calendrier, abonnements, questions, réglages) ? C'est définitif.
forget-cancelled = Rien n'a été effacé.
forget-done = C'est fait : j'ai tout effacé. Si vous m'écrivez à nouveau, je repartirai de zéro.
agenda-ics-unavailable = LINE ne permet pas d'envoyer de fichier : voici votre agenda en liste (sur Telegram, « /agenda ics » envoie le fichier de calendrier).

## Agenda en ligne (flux de calendrier)
button-agenda-feed-new = Nouveau lien
feed-programme-name = Programme – Rencontres franco-japonaises
agenda-feed =
    Votre agenda ({ $count ->
        [one] { $count } session
       *[other] { $count } sessions
    }) existe aussi en calendrier en ligne. Ajoutez ce lien à votre application de calendrier comme calendrier par abonnement (dans Google Agenda : « À partir de l'URL ») :
    { $url }
    Il se met à jour tout seul : les sessions que vous ajoutez, et celles qui changent d'heure ou de salle ou sont annulées. Ce lien est personnel ; si vous l'avez partagé par erreur, « Nouveau lien » en crée un autre et désactive celui-ci.
    Le programme complet, pour tous : { $programme }
agenda-feed-renewed =
    Voici votre nouveau lien ; l'ancien ne fonctionne plus :
    { $url }
    Si votre calendrier était abonné à l'ancien lien, abonnez-le à celui-ci.
