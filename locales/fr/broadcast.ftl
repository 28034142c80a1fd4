## Diffusion (organisateurs)
button-skip = Passer
button-send = Envoyer
broadcast-ask-fr = Nouvelle diffusion. Envoyez le texte en français :
broadcast-ask-ja = Envoyez maintenant le texte en japonais :
broadcast-ask-en = Texte en anglais (facultatif) : envoyez-le, ou appuyez sur « Passer ».
broadcast-ask-audience = À qui l'envoyer ?
broadcast-ask-session = Envoyez l'identifiant de la session : les participants qui l'ont dans leur agenda recevront le message.
broadcast-ask-preview = Vérifiez l'aperçu, puis envoyez.
broadcast-cancelled = Diffusion annulée : rien n'a été envoyé.
broadcast-too-long = Ce texte est trop long ({ $max } caractères au plus).
broadcast-bad-time = Je n'ai pas compris l'heure : écrivez AAAA-MM-JJ HH:MM (heure du lieu), ou appuyez sur Envoyer.
# $language : le code de la version (fr, ja, en)
broadcast-preview = Aperçu de la version { $language ->
        [fr] française
        [ja] japonaise
       *[en] anglaise
    } :
# $audience : un des audience-…-phrase ci-dessous
broadcast-recipients = Destinataires : { $total ->
        [one] { $total } personne
       *[other] { $total } personnes
    } ({ $audience }) – français { $fr }, japonais { $ja }, anglais { $en } ; Telegram { $telegram }, LINE { $line }.
broadcast-quota = LINE : cette diffusion utilisera { $uses ->
        [one] { $uses } message
       *[other] { $uses } messages
    } { $remaining ->
        [0] alors qu'il n'en reste aucun ce mois-ci
        [one] alors qu'il n'en reste qu'un ce mois-ci
       *[other] sur les { $remaining } qui restent ce mois-ci
    } (quota mensuel : { $limit }).
broadcast-quota-unlimited = LINE : cette diffusion utilisera { $uses ->
        [one] { $uses } message
       *[other] { $uses } messages
    } (pas de limite mensuelle).
broadcast-quota-short = { $missing ->
        [one] ⚠ Il manque { $missing } message LINE : il attendra que son destinataire m'écrive, et je le lui remettrai alors gratuitement avec ma réponse.
       *[other] ⚠ Il manque { $missing } messages LINE : ils attendront que leurs destinataires m'écrivent, et je les remettrai alors gratuitement avec ma réponse.
    }
broadcast-confirm = Appuyez sur Envoyer, ou écrivez une date et une heure (AAAA-MM-JJ HH:MM) pour programmer l'envoi.
broadcast-queued = Diffusion n° { $id } lancée pour { $audience } ({ $count ->
        [one] { $count } destinataire
       *[other] { $count } destinataires
    }). Vous recevrez un bilan à la fin de l'envoi.
broadcast-scheduled = Diffusion n° { $id } programmée le { $when } (heure du lieu) pour { $audience } ({ $count ->
        [one] { $count } destinataire
       *[other] { $count } destinataires
    }).
# Boutons (LINE : 20 caractères au plus) ; $language : fr, ja ou en
audience-all = Tout le monde
audience-language = { $language ->
        [fr] Francophones
        [ja] Japonophones
       *[en] Anglophones
    }
audience-channel = Sur { $channel }
audience-track = Atelier { $track }
audience-session = Une session…
# Le public dans une phrase (« lancée pour … », « Destinataires : 3 personnes (…) »)
audience-all-phrase = tout le monde
audience-language-phrase = { $language ->
        [fr] les francophones
        [ja] les japonophones
       *[en] les anglophones
    }
audience-channel-phrase = les participants qui utilisent { $channel }
# $track : track-workshop-phrase ou track-other-phrase (« l'atelier Économie »)
audience-track-phrase = les participants qui suivent { $track }
audience-session-phrase = les participants qui ont « { $title } » dans leur agenda

## Modifier le programme (organisateurs)
set-usage = Syntaxe : /set ID champ valeur (champs : { $fields }). Exemple : /set ws-economy start 14:30
# $reason : un des set-invalid-… ci-dessous
set-invalid = Modification refusée : { $reason }
set-invalid-time = « { $value } » n'est pas une heure valide ; écrivez-la sous la forme HH:MM, par exemple 14:30.
set-invalid-end = l'heure de fin (« { $value } ») doit être postérieure à l'heure de début.
set-invalid-date = « { $value } » n'est pas une date valide ; écrivez-la sous la forme AAAA-MM-JJ, par exemple 2024-11-20.
set-invalid-status = le statut doit être « confirmed » (session maintenue) ou « cancelled » (session annulée), et non « { $value } ».
set-invalid-value = « { $value } » ne convient pas pour le champ { $field }.
set-done = Session { $id } modifiée ({ $fields }) : les délégués concernés seront prévenus.
set-unchanged = La session { $id } avait déjà cette valeur : rien n'a changé.
