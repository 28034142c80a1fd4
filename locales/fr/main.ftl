## Formats (patterns de babel : https://babel.pocoo.org/en/latest/dates.html)
fmt-day-pattern = EEE d MMM
fmt-time-pattern = H 'h' mm
fmt-time-range = { $start }–{ $end }
fmt-when = { $day }, { $start }–{ $end } ({ $zone })
# Entre les éléments d'une liste (salles, jours, intervenants, ateliers)
list-separator = {", "}
# Le nom d'une langue, par son code (réglages)
language-name = { $code ->
        [fr] Français
        [ja] Japonais
       *[en] Anglais
    }

## Accueil et aide
welcome =
    Bonjour ! Je suis l'assistant des { $conference }, à { $city }.
    Posez-moi vos questions en français ou en japonais : horaires, salles, ateliers, thème des Rencontres.
help =
    Vous pouvez m'écrire librement, par exemple :
    • « Quand a lieu l'atelier environnement ? »
    • « Où est l'atelier société ? »
    • « programme de demain »
    • « C'est quoi le thème ? »
help-commands = Commandes :
help-line = { $command } – { $description }
unsupported-message = Je ne sais lire que le texte. Écrivez-moi votre question ou choisissez ci-dessous.
unknown-command = Je ne connais pas la commande { $command }. Voici ce que je sais faire :
fallback = Je n'ai pas de réponse sûre à cette question. Je l'ai transmise aux organisateurs. Vous pouvez aussi choisir un sujet ci-dessous.
error-apology = Désolé, une erreur s'est produite de mon côté. Réessayez dans un instant.
slow-down = Vous m'envoyez des messages plus vite que je ne peux y répondre. Je réponds d'abord aux précédents ; les derniers n'ont pas été pris en compte : renvoyez-les dans un moment si besoin.
group-private-only = Cette commande ne s'utilise qu'en conversation privée avec moi : dans un groupe, je ne donne que le programme et les réponses de la FAQ.

## Boutons (LINE : 20 caractères au plus)
button-programme = Programme
button-now = En ce moment
button-next = À suivre
button-today = Aujourd'hui
button-workshops = Ateliers
button-lang = Langue
button-help = Aide
button-details = Détails

## Langue
language-choose = Dans quelle langue voulez-vous que je réponde ?
language-set = C'est noté : je vous réponds désormais en français.

## Programme
programme-sample-notice = ⚠ Programme indicatif : les horaires détaillés n'ont pas été publiés ; les organisateurs remplaceront cet exemple.
programme-empty = Le programme n'est pas encore chargé. Les organisateurs le publieront bientôt.
# $days finit par un jour abrégé (« jeu. 21 nov. ») : pas de point après
programme-day-empty = Aucune session ce jour-là ({ $day }). Jours du programme : { $days }
programme-day-heading = Programme du { $day } (heure { $zone }) – { $count ->
        [one] { $count } session
       *[other] { $count } sessions
    } :
programme-line = • { $time } { $title } – { $room }
# Quand le titre nomme déjà la salle (« Visite : sanctuaire Shizuoka Sengen »)
programme-line-no-room = • { $time } { $title }
programme-countdown = { $days ->
        [one] Les Rencontres commencent demain ({ $first }).
       *[other] Les Rencontres commencent dans { $days } jours (premier jour : { $first }).
    }
programme-ended = Les Rencontres sont terminées (dernier jour : { $last }). Merci de votre participation ! Le programme reste consultable jour par jour :
programme-bad-day = Je ne reconnais pas le jour « { $day } ». Choisissez un jour :
now-nothing = Aucune session en cours en ce moment.
now-heading = { $count ->
        [one] En ce moment :
       *[other] En ce moment ({ $count } sessions en parallèle) :
    }
next-nothing = Il n'y a plus de session à venir.
next-heading = À suivre, { $when } :
track-no-session = Aucune session « { $track } » n'est au programme pour l'instant.
workshops-heading = { $count ->
        [0] Les ateliers :
        [one] L'atelier :
       *[other] Les { $count } ateliers :
    }
workshops-none-scheduled = Leurs horaires ne sont pas encore au programme.
search-heading = { $count ->
        [one] Voici la session qui correspond :
       *[other] Voici les sessions qui correspondent :
    }
# Un type de sessions dans une phrase (« Vous suivez désormais … », « les participants qui suivent … »)
track-workshop-phrase = l'atelier { $track }
track-other-phrase = les sessions de type « { $track } »

## Sessions
session-sentence = « { $title } » : { $when }, { $room }.
session-sentence-no-room = « { $title } » : { $when }.
session-sentence-cancelled = « { $title } » : { $when }, { $room } – cette session est annulée.
session-sentence-cancelled-no-room = « { $title } » : { $when } – cette session est annulée.
session-when = Quand : { $when }
session-room = Où : { $room }
session-track = Type : { $track }
session-speakers = Intervenants : { $speakers }
session-cancelled = ⚠ Cette session est annulée.
session-unknown = Je ne trouve pas la session « { $id } ». Consultez le programme :
status-cancelled = (annulée)
room-unknown = salle à préciser

## Lieu
venue-known = Lieu des Rencontres : { $venue }, { $city }.
venue-unknown = Les Rencontres ont lieu à { $city }. Le lieu précis n'est pas encore indiqué dans cet assistant ; les salles de chaque session figurent au programme.
venue-rooms = Salles du programme : { $rooms }

## Console
console-intro = Assistant des Rencontres – tapez votre question, un numéro pour appuyer sur un bouton, /quit pour sortir.
console-rehearse = Les Rencontres ne se tiennent pas aujourd'hui. Pour répéter une journée, relancez avec --now, par exemple : confbot console --now { $example }
