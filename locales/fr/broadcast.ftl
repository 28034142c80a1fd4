## Diffusion (organisateurs)
button-skip = Passer
button-send = Envoyer
broadcast-ask-fr = Nouvelle diffusion. Envoyez le texte en français :
broadcast-ask-ja = Envoyez maintenant le texte en japonais :
broadcast-ask-en = Texte en anglais (facultatif) : envoyez-le, ou « Passer ».
broadcast-ask-audience = À qui l'envoyer ?
broadcast-ask-session = Envoyez l'identifiant de la session (ceux qui l'ont dans leur agenda la recevront) :
broadcast-ask-preview = Vérifiez l'aperçu, puis envoyez.
broadcast-cancelled = Diffusion annulée : rien n'a été envoyé.
broadcast-too-long = Ce texte est trop long (au plus { $max } caractères).
broadcast-bad-time = Je n'ai pas compris l'heure : écrivez AAAA-MM-JJ HH:MM (heure du lieu), ou appuyez sur Envoyer.
broadcast-preview = Aperçu ({ $language }) :
broadcast-recipients = Destinataires : { $total } (français { $fr }, japonais { $ja }, anglais { $en } ; Telegram { $telegram }, LINE { $line }).
broadcast-quota = LINE : cette diffusion utilisera { $uses } messages sur les { $remaining } qui restent ce mois-ci (quota { $limit }).
broadcast-quota-unlimited = LINE : cette diffusion utilisera { $uses } messages (pas de limite mensuelle).
broadcast-quota-short = ⚠ Il manque { $missing } messages LINE : ceux-là attendront le prochain message de leur destinataire, à qui je les remettrai gratuitement.
broadcast-confirm = Appuyez sur Envoyer, ou écrivez une date et une heure (AAAA-MM-JJ HH:MM) pour programmer l'envoi.
broadcast-queued = Diffusion n° { $id } lancée vers { $count } destinataires. Vous recevrez un bilan à la fin.
broadcast-scheduled = Diffusion n° { $id } programmée pour { $when } ({ $count } destinataires).
audience-all = Tout le monde
audience-language = En { $language }
audience-channel = Sur { $channel }
audience-track = Suivent { $track }
audience-session = Une session…

## Modifier le programme (organisateurs)
set-usage = Usage : /set ID champ valeur – champs : { $fields }. Exemple : /set ws-economy start 14:30
set-invalid = Modification refusée : { $reason }
set-done = { $id } modifiée ({ $fields }). Les délégués concernés sont prévenus.
