## Agenda personnel
button-agenda = Mon agenda
button-agenda-add = + Mon agenda
button-agenda-remove = − Retirer
button-agenda-ics = Exporter (.ics)
agenda-added = « { $title } » est dans votre agenda. Je vous préviendrai avant qu'elle commence, et si elle change.
agenda-already = « { $title } » est déjà dans votre agenda.
agenda-removed = « { $title } » est retirée de votre agenda.
agenda-not-there = « { $title } » n'était pas dans votre agenda.
agenda-cancelled = « { $title } » est annulée : elle ne peut pas être ajoutée.
agenda-empty = Votre agenda est vide. Ajoutez des sessions depuis le programme avec « + Mon agenda ».
agenda-heading = Votre agenda ({ $count ->
        [one] 1 session
       *[other] { $count } sessions
    }) :
agenda-clash = ⚠ chevauchement
agenda-clash-note = ⚠ Certaines sessions se chevauchent : vous ne pourrez pas suivre les deux.
agenda-calendar-name = Mon agenda – Rencontres franco-japonaises
agenda-ics = Voici votre agenda ({ $count } sessions) à importer dans votre calendrier.

## Abonnements et réglages
follow-on = Vous suivez désormais : { $what }. Je vous enverrai ses changements.
follow-off = Vous ne suivez plus : { $what }.
follow-all-changes = tous les changements du programme
follow-choose = Que voulez-vous suivre ?
button-follow-all = Tous les changements
button-unfollow-all = Ne plus tout suivre
button-follow-track = Suivre { $track }
button-unfollow-track = ✕ { $track }
button-settings = Réglages
settings-heading = Vos réglages :
settings-all-changes = • Tous les changements du programme : { $state }
settings-workshops = • Ateliers suivis : { $workshops }
settings-reminders = • Rappels avant mes sessions : { $state } ({ $minutes } min avant)
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
forget-confirm = Voulez-vous que j'efface tout ce que je sais de vous (agenda, abonnements, questions, réglages) ? C'est définitif.
forget-cancelled = Rien n'a été effacé.
forget-done = C'est fait : j'ai tout effacé. Si vous m'écrivez à nouveau, je repartirai de zéro.
agenda-ics-unavailable = LINE ne permet pas d'envoyer de fichier : voici votre agenda en liste (sur Telegram, « /agenda ics » envoie le fichier de calendrier).
