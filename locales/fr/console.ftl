# La console web des organisateurs (/organisers/).
console-title = Console des organisateurs
console-nav-overview = Vue d'ensemble
console-nav-programme = Programme
console-nav-inbox = Questions sans réponse
console-nav-audit = Journal
console-language = Langue
console-language-fr = Français
console-language-ja = Japonais
console-language-en = Anglais
console-language-apply = Changer
console-sign-out = Se déconnecter
console-sign-out-everywhere = Se déconnecter partout
console-signed-out = Vous n'êtes pas connecté(e), ou votre session a expiré. Envoyez /console au bot pour recevoir un nouveau lien de connexion.
console-signed-out-done = Vous êtes déconnecté(e). Envoyez /console au bot pour vous reconnecter.
console-too-large = Le formulaire envoyé est trop volumineux ; rien n'a été modifié.
console-csrf = Ce formulaire a expiré ou ne provient pas de la console ; rien n'a été modifié. Rechargez la page et recommencez.
console-too-many-attempts = Trop de tentatives de connexion depuis cette adresse. Patientez quelques minutes avant de réessayer.
console-link-invalid = Ce lien de connexion n'est plus valable : il a déjà servi, il a expiré (10 minutes) ou vous n'êtes plus organisateur. Envoyez /console au bot pour en recevoir un nouveau.
console-sign-in-title = Connexion à la console
console-sign-in-text = Ce lien ne sert qu'une fois. Cliquez sur le bouton pour ouvrir la console sur cet appareil.
console-sign-in-button = Ouvrir la console
console-outcome-answered = Réponse donnée
console-outcome-clarified = Question de précision
console-outcome-fallback = Sans réponse
console-outcome-off_topic = Hors sujet
console-per-hour = Messages par heure (24 dernières heures, heure du lieu)
console-per-day = Compréhension des messages par jour (7 derniers jours)
console-delegates = { $count ->
        [one] délégué
       *[other] délégués
    }
console-active-24h = { $count ->
        [one] actif ces dernières 24 h
       *[other] actifs ces dernières 24 h
    }
console-messages-24h = { $count ->
        [one] message ces dernières 24 h
       *[other] messages ces dernières 24 h
    }
console-unanswered-open = { $count ->
        [one] question sans réponse à traiter
       *[other] questions sans réponse à traiter
    }
console-delegates-by = Délégués par plateforme et par langue
console-platform = Plateforme
console-none-yet = Rien pour l'instant.
console-top-entries = Questions les plus posées (7 jours)
console-top-sessions = Sessions les plus consultées (7 jours)
console-pushes = Envois
console-outbox-waiting = En attente d'envoi
console-outbox-waiting-quota = En attente du quota LINE
console-outbox-failed = Échecs
console-outbox-blocked = Délégués ayant bloqué le bot
console-line-quota = Quota LINE du mois
console-line-quota-value = { $used } utilisés sur { $limit }
console-session-changed =
    { $count ->
        [0] La modification est enregistrée ; aucun délégué n'est concerné.
        [one] La modification est enregistrée ; le délégué concerné en est informé dans sa langue.
       *[other] La modification est enregistrée ; les { $count } délégués concernés en sont informés dans leur langue.
    }
console-cancelled = annulée
console-session-unknown = Cette session n'existe pas (ou plus) dans le programme.
console-field = Champ
console-field-date = Date
console-field-start = Début
console-field-end = Fin
console-field-status = Statut
console-field-title = Titre
console-field-room = Salle
console-status-confirmed = Maintenue
console-status-cancelled = Annulée
console-preview = Aperçu de la modification
console-preview-button = Prévisualiser
console-before = Avant
console-after = Après
console-told =
    { $count ->
        [0] Aucun délégué ne sera prévenu.
        [one] Un délégué sera prévenu.
       *[other] { $count } délégués seront prévenus.
    }
console-apply = Confirmer la modification
console-no-change = Aucune modification par rapport au programme actuel.
console-cancel = Revenir sans enregistrer
console-inbox-summary =
    { $count ->
        [0] Aucune question en attente.
        [one] Une question en attente.
       *[other] { $count } questions en attente, { $groups ->
            [one] sur un même sujet.
           *[other] regroupées en { $groups } sujets.
        }
    }
console-inbox-group =
    { $count ->
        [one] Posée une fois, le { $first }
       *[other] Posée { $count } fois, du { $first } au { $last }
    }
console-inbox-attach = Rattacher à une entrée existante
console-inbox-entry = Entrée de la FAQ
console-inbox-tell = Envoyer la réponse aux délégués qui ont posé la question
console-inbox-attach-button = Rattacher
console-inbox-new = Rédiger une nouvelle entrée
console-inbox-new-id = Identifiant (lettres minuscules, chiffres et tirets)
console-inbox-answer = Réponse
console-inbox-new-button = Créer l'entrée
console-inbox-dismiss = Ignorer
console-inbox-empty = Toutes les questions ont été traitées.
console-inbox-attached =
    { $count ->
        [one] Question rattachée : le bot y répond désormais.
       *[other] { $count } questions rattachées : le bot y répond désormais.
    }{ $told ->
        [0] {""}
        [one] {" "}La réponse est envoyée au délégué qui l'a posée.
       *[other] {" "}La réponse est envoyée aux { $told } délégués qui l'ont posée.
    }
console-inbox-dismissed = Les questions ont été ignorées.
console-audit-when = Quand
console-audit-who = Qui
console-audit-what = Action
console-audit-detail = Détail
# The audit log's actions: `console-audit-action-<action>` (bot/web/console.py AUDIT_ACTIONS).
console-audit-action-broadcast-create = Annonce envoyée ou programmée
console-audit-action-broadcast-cancel = Annonce programmée annulée
console-audit-action-console-link = Lien de connexion à la console demandé
console-audit-action-console-sign-in = Connexion à la console
console-audit-action-console-sign-in-refused = Lien de connexion refusé (déjà utilisé, expiré ou inconnu)
console-audit-action-console-session-refused = Accès à la console refusé (session expirée ou cookie falsifié)
console-audit-action-console-csrf-refused = Formulaire refusé (expiré ou envoyé d'ailleurs que la console)
console-audit-action-console-sign-out = Déconnexion de la console
console-audit-action-console-sign-out-everywhere = Déconnexion de la console sur tous les appareils
console-audit-action-delegate-forget = Données d'un délégué effacées (/forget)
console-audit-action-delegate-language = Langue changée (/lang)
console-audit-action-faq-add = Entrée de la FAQ ajoutée
console-audit-action-faq-edit = Entrée de la FAQ modifiée
console-audit-action-faq-delete = Entrée de la FAQ supprimée
console-audit-action-faq-import = FAQ mise à jour
console-audit-action-organisers-add = Organisateur ajouté
console-audit-action-organisers-remove = Organisateur retiré
console-audit-action-programme-import = Programme mis à jour
console-audit-action-programme-upload = Fichier de programme importé depuis la console
console-audit-action-programme-edit = Session modifiée depuis la console
console-audit-action-programme-set = Session modifiée depuis le chat (/set)
console-audit-action-unanswered-attach = Questions sans réponse rattachées à la FAQ
console-audit-action-unanswered-dismiss = Questions sans réponse ignorées
console-audit-action-refused = Commande réservée aux organisateurs refusée (/{ $command })
inbox-nothing-open = Ces questions ont déjà été traitées, peut-être par un autre organisateur.
inbox-entry-id-taken = L'identifiant « { $id } » est déjà pris ou vide ; choisissez-en un autre.
inbox-unknown-entry = Aucune entrée de la FAQ ne porte l'identifiant « { $id } ».
console-nav-broadcasts = Annonces
console-optional = facultatif
console-broadcast-new = Nouvelle annonce
console-broadcast-text = Texte
console-broadcast-audience = Destinataires
console-broadcast-when = Envoi programmé ({ $zone } ; laisser vide pour envoyer tout de suite)
console-broadcast-recipients =
    { $count ->
        [0] Personne ne la recevra ({ $audience }).
        [one] Une personne la recevra : { $audience }.
       *[other] { $count } personnes la recevront : { $audience }.
    }
console-broadcast-by-language = Par langue
console-broadcast-line = Messages LINE utilisés : { $used } (il en reste { $left } ce mois-ci).
console-broadcast-line-missing =
    { $count ->
        [one] Un message LINE dépasse le quota : il partira avec la prochaine réponse à ce délégué.
       *[other] { $count } messages LINE dépassent le quota : ils partiront avec la prochaine réponse à chacun de ces délégués.
    }
console-broadcast-at = Envoi le { $when } ({ $zone }).
console-broadcast-now = Envoi immédiat.
console-broadcast-send = Envoyer
console-broadcast-created = L'annonce est enregistrée ; sa progression s'affiche ci-dessous.
console-broadcast-cancelled = L'annonce programmée est annulée ; rien n'a été envoyé.
console-broadcast-history = Annonces envoyées et programmées
console-broadcast-status-scheduled = en cours ou programmée
console-broadcast-status-done = terminée
console-broadcast-status-cancelled = annulée
console-broadcast-progress = envoyés : { $sent } · échecs : { $failed } · bloqués : { $blocked } · en attente du quota LINE : { $waiting } · total : { $total }
console-broadcast-cancel = Annuler l'envoi
console-broadcast-texts-missing = Les textes en français et en japonais sont obligatoires.
console-broadcast-too-long = Un texte dépasse { $max } caractères.
console-broadcast-bad-audience = Ces destinataires ne sont pas reconnus.
console-broadcast-bad-time = La date et l'heure d'envoi ne sont pas valides.
console-broadcast-not-cancellable = Cette annonce ne peut plus être annulée : elle est déjà partie, en tout ou en partie.
console-broadcast-preview = Aperçu de l'annonce
console-upload = Importer un fichier de programme
console-upload-button = Voir les changements
console-upload-formats = CSV (UTF-8 ou Shift-JIS, séparé par des virgules, des points-virgules ou des tabulations), XLSX, YAML, ou schedule.json / schedule.xml de pretalx ou frab ; 5 Mo au plus.
console-download = Télécharger le programme :
console-upload-refused = Le fichier n'a pas été importé et rien n'a changé :
console-upload-preview = Changements apportés par « { $name } »
console-upload-summary = Sessions ajoutées : { $added } · supprimées : { $removed } · modifiées : { $changed }
console-upload-added = Ajoutées
console-upload-removed = Supprimées
console-upload-changed = Modifiées
console-session = Session
console-upload-done = Le programme est importé ; les délégués concernés sont prévenus dans leur langue.
console-export-unknown = Ce format d'export n'existe pas.
console-nav-faq = FAQ
console-faq-search = Rechercher
console-faq-add = Nouvelle entrée
console-faq-none-found = Aucune entrée ne correspond.
console-faq-saved = L'entrée est enregistrée ; le bot l'utilise dès maintenant.
console-faq-deleted = L'entrée est supprimée.
console-faq-unknown = Cette entrée n'existe pas (ou plus).
console-faq-not-deleted = Cette entrée ne peut pas être supprimée : c'est la dernière de la FAQ, ou elle n'existe plus.
console-faq-id = Identifiant
console-faq-topic = Thème
console-faq-related = Entrées liées (identifiants séparés par des virgules)
console-faq-questions = Autres façons de poser la question (une par ligne)
console-faq-save = Enregistrer
console-faq-delete = Supprimer l'entrée
console-faq-stolen =
    { $count ->
        [one] Avec cette version, le bot répondrait par cette entrée à une question écrite pour une autre entrée :
       *[other] Avec cette version, le bot répondrait par cette entrée à { $count } questions écrites pour d'autres entrées :
    }
console-faq-stolen-confirm = Enregistrer quand même
inbox-invalid = L'entrée n'a pas été créée :
faq-problem-bad-id = { $where } : l'identifiant ne doit contenir que des lettres minuscules, des chiffres et des tirets.
faq-problem-duplicate-id = { $where } : cet identifiant est déjà pris.
faq-problem-no-answer = { $where } : il manque la réponse { $language }.
faq-problem-answer-not-text = { $where } : la réponse { $language } doit être un texte.
faq-problem-few-questions = { $where } : il faut au moins 4 façons de poser la question { $language } (les questions des délégués comptent).
faq-problem-title-length = { $where } : le titre { $language } doit faire de 1 à 20 caractères.
faq-problem-related-missing = { $where } : l'entrée liée « { $related } » n'existe pas.
faq-problem-invalid = { $where } { $detail }
faq-problem-unknown = { $where } : cette entrée n'existe pas.
faq-problem-last-entry = { $where } : la FAQ ne peut pas rester vide.
console-in-language-fr = en français
console-in-language-ja = en japonais
console-in-language-en = en anglais
console-upload-stale = Le programme a changé depuis l'aperçu (un autre organisateur ?) : voici les changements que ce fichier apporte maintenant. Rien n'a encore été modifié.
console-broadcast-changed = Le texte, les destinataires ou l'heure ont changé depuis l'aperçu : vérifiez ce nouvel aperçu, puis envoyez.
console-broadcast-past = Cette heure est passée : choisissez une heure à venir, ou laissez vide pour envoyer tout de suite.
console-faq-delete-unsure = Cochez la case pour confirmer la suppression : rien n'a été supprimé.
console-faq-delete-sure = Je confirme : supprimer cette entrée de la FAQ
console-field-title-short = Titre (20 caractères au plus, affiché sur les boutons)
console-language-paren = {" "}({ $language })
console-optional-suffix = , facultatif
console-hour = { $hour } h
console-field-track = Type de session
console-broadcast-preview-button = Prévisualiser
console-faq-changed-meanwhile = Un autre organisateur a modifié cette entrée depuis que vous l'avez ouverte : rien n'a été enregistré. Vos changements sont ci-dessous ; ouvrez l'entrée dans un autre onglet pour voir la sienne, puis enregistrez de nouveau.
# Why a programme file is refused: `programme-problem-<kind>` (handlers/schedule/files.py ProblemKind),
# after its place (a line, a spreadsheet's row, a JSON or XML path) and its column.
programme-problem-line = ligne { $line }
programme-problem-row = feuille « { $sheet } », ligne { $line }
programme-problem-file = fichier
programme-problem-column = { $place }, colonne { $column }
programme-problem-at = { $place } : { $message }
programme-problem-too-large = le fichier dépasse { $limit } Mo ; il a été refusé sans être lu.
programme-problem-cannot-read = le fichier ne peut pas être lu ({ $detail }).
programme-problem-unsupported-format = { $looks_like ->
    [xls] c'est un classeur Excel 97-2003 (.xls), que confbot ne lit pas : enregistrez-le au format .xlsx ou « CSV UTF-8 ».
    [pdf] c'est un document PDF, que confbot ne lit pas : exportez le programme en CSV, en XLSX ou en schedule.json.
    [json] c'est un fichier JSON qui n'est pas un programme c3voc (pas de « schedule ») : confbot lit les fichiers CSV, XLSX, YAML et les schedule.json / schedule.xml c3voc.
    [html] c'est une page web (HTML), que confbot ne lit pas : donnez l'adresse du fichier lui-même (schedule.xml ou schedule.json).
    [xml] c'est un fichier XML dont l'élément racine est « { $value } » et non le « <schedule> » d'un programme c3voc : confbot lit les fichiers CSV, XLSX, YAML et les schedule.json / schedule.xml c3voc.
    [ics] c'est un fichier d'agenda iCalendar (.ics) : confbot en produit, mais ne les importe pas.
    [damaged-zip] c'est une archive ZIP endommagée : confbot lit les fichiers CSV, XLSX, YAML et les schedule.json / schedule.xml c3voc.
    [ods] c'est un classeur OpenDocument (.ods), que confbot ne lit pas : enregistrez-le au format .xlsx ou « CSV UTF-8 ».
    [odt] c'est un document texte OpenDocument (.odt), que confbot ne lit pas : enregistrez le programme au format .xlsx ou « CSV UTF-8 ».
    [docx] c'est un document Word (.docx), que confbot ne lit pas : confbot lit les fichiers CSV, XLSX, YAML et les schedule.json / schedule.xml c3voc.
    [zip] c'est une archive ZIP qui n'est pas un classeur XLSX : confbot lit les fichiers CSV, XLSX, YAML et les schedule.json / schedule.xml c3voc.
   *[binary] c'est un fichier binaire de format inconnu : confbot lit les fichiers CSV, XLSX, YAML et les schedule.json / schedule.xml c3voc.
}
programme-problem-not-text-in-encoding = le texte n'est pas lisible en { $encoding } (caractère n° { $count } de la ligne) : enregistrez le fichier au format « CSV UTF-8 ».
programme-problem-garbled-cp932 = le fichier n'est pas en UTF-8 et, lu en Shift-JIS, il donne « { $value } » : est-ce un fichier Windows-1252 (Excel en français) ? Enregistrez-le au format « CSV UTF-8 ».
programme-problem-empty-file = le fichier est vide.
programme-problem-empty-sheet = la feuille est vide.
programme-problem-no-sheet = le classeur n'a pas de feuille « { $value } » (feuilles : { $expected }).
programme-problem-too-many-rows = la feuille « { $sheet } » a plus de { $limit } lignes.
programme-problem-unpacks-too-large = le classeur décompressé dépasse { $limit } Mo.
programme-problem-unreadable = le fichier { $expected } est illisible ({ $detail }).
programme-problem-not-a-programme = la première ligne ne nomme aucune des colonnes du programme (id, date, start, end, track…) : est-ce bien un fichier de programme ?
programme-problem-missing-column = cette colonne obligatoire est absente.
programme-problem-unknown-column = colonne inconnue (les colonnes du programme sont id, date, start, end, track, title_fr, title_ja, title_en, room_fr, room_ja, room_en, speakers, description_fr, description_ja, description_en et status).
programme-problem-unknown-field = champ inconnu.
programme-problem-repeated-field = ce champ figure deux fois dans la même session.
programme-problem-too-many-values = { $count } valeurs pour { $limit } colonnes.
programme-problem-line-break = un retour à la ligne dans une valeur : un guillemet (") est-il resté ouvert ?
programme-problem-not-a-list = une liste est attendue ici (dans un fichier YAML, la liste des sessions ou « sessions: »).
programme-problem-not-a-mapping = un ensemble de champs (nom : valeur) est attendu ici.
programme-problem-not-text = un texte est attendu ici.
programme-problem-missing-value = la valeur est vide alors qu'elle est obligatoire.
programme-problem-too-long = la valeur dépasse { $limit } caractères.
programme-problem-control-character = la valeur contient un caractère de contrôle (NUL ou semblable).
programme-problem-bad-id = l'identifiant « { $value } » n'est pas valable : lettres, chiffres, « . », « _ » ou « - » uniquement, 64 caractères au plus.
programme-problem-no-id = la session n'a ni code, ni id, ni guid.
programme-problem-duplicate-id = l'identifiant « { $value } » est en double (déjà utilisé : { $first }).
programme-problem-bad-track = le type de session « { $value } » n'est pas valable : un seul mot en minuscules, par exemple plenary, economy ou visit.
programme-problem-bad-date = « { $value } » n'est pas une date au format { $expected ->
    [YYYY-MM-DD] AAAA-MM-JJ
   *[other] { $expected }
}.
programme-problem-no-date = pas de date, ni de jour et d'heure de début pour la déduire.
programme-problem-bad-time = « { $value } » n'est pas une heure au format { $expected }.
programme-problem-bad-duration = « { $value } » n'est pas une durée au format HH:MM.
programme-problem-bad-status = le statut doit être confirmed ou cancelled.
programme-problem-no-title = il faut un titre en français ou en japonais (title_fr ou title_ja).
programme-problem-end-before-start = la fin doit être après le début.
programme-problem-no-session = le fichier ne contient aucune session.
programme-problem-other = { $detail }
console-field-description = Description
console-field-speakers = Intervenants
# What an import read but the organiser should check: `programme-warning-<kind>`
# (handlers/schedule/files.py WarningKind), after its place when it has one.
programme-warning-one-title = { $language ->
    [ja] la session « { $session } » n'a pas de titre en japonais (title_ja) : son titre français sera affiché à la place.
   *[fr] la session « { $session } » n'a pas de titre en français (title_fr) : son titre japonais sera affiché à la place.
}
programme-warning-sheet-not-xlsx = l'option --sheet ne vaut que pour les classeurs XLSX ; ce fichier est au format { $value }.
programme-warning-read-as-cp932 = le fichier n'est pas en UTF-8 : il a été lu en { $encoding }. Vérifiez les accents des textes français, que ce codage ne sait pas écrire (Excel les remplace par « ? »).
programme-warning-guid-as-id = la session « { $session } » figure déjà en { $first } : ce second créneau prend pour identifiant son guid, { $value }.
programme-warning-schema = écart par rapport au schéma c3voc, qui n'empêche pas l'import ({ $detail }).
programme-warning-more-deviations = { $count ->
    [one] un autre écart par rapport au schéma c3voc n'est pas affiché.
   *[other] { $count } autres écarts par rapport au schéma c3voc ne sont pas affichés.
}
programme-warning-unknown-track = le type de session « { $value } » ne figure pas dans content/tracks.yaml : ses sessions sont importées sous le code « { $code } » (ajoutez-le à ce fichier pour lui donner un nom dans chaque langue).
programme-warning-no-track = { $count ->
    [one] une session n'a pas de type (track) : elle est importée sous le code « { $code } ».
   *[other] { $count } sessions n'ont pas de type (track) : elles sont importées sous le code « { $code } ».
}
programme-warning-one-language = { $count ->
    [one] une session n'a son titre que dans une langue (selon le fichier : { $languages }) : ce titre sera affiché tel quel en français, en japonais et en anglais ({ $sessions }). Pour donner les traductions, importez le programme en CSV ou en XLSX.
   *[other] { $count } sessions n'ont leur titre que dans une langue (selon le fichier : { $languages }) : ces titres seront affichés tels quels en français, en japonais et en anglais ({ $sessions }). Pour donner les traductions, importez le programme en CSV ou en XLSX.
}

## How an uploaded programme file was read, above its preview
programme-reading-csv = Lu comme un fichier CSV : { $encoding }, { $separator }.
programme-reading-yaml = Lu comme un fichier YAML : { $encoding }.
programme-reading-xlsx = Lu comme un classeur XLSX : feuille « { $sheet } ».
programme-reading-c3voc-json = Lu comme un schedule.json de pretalx ou de frab.
programme-reading-c3voc-xml = Lu comme un schedule.xml de pretalx ou de frab.
programme-encoding-utf8 = UTF-8
programme-encoding-utf8-bom = UTF-8 avec BOM
programme-encoding-utf16 = UTF-16
programme-encoding-cp932 = Shift-JIS (cp932)
programme-separator-comma = séparé par des virgules
programme-separator-semicolon = séparé par des points-virgules
programme-separator-tab = séparé par des tabulations

## An audit line's details, by name
console-audit-detail-added = Ajoutées :
console-audit-detail-audience = Destinataires :
console-audit-detail-broadcast = Annonce n°
console-audit-detail-changed = Modifiées :
console-audit-detail-entry = Entrée :
console-audit-detail-field = Champ :
console-audit-detail-fields = Champs :
console-audit-detail-file = Fichier :
console-audit-detail-language = Langue :
console-audit-detail-member = Membre :
console-audit-detail-new = Nouvelle entrée :
console-audit-detail-questions = Questions :
console-audit-detail-recipients = Envois :
console-audit-detail-removed = Supprimées :
console-audit-detail-session = Session :
console-audit-detail-source = Source :
console-audit-detail-stolen = Questions reprises à d'autres entrées :
console-audit-detail-told = Délégués prévenus :
console-audit-detail-value = Valeur :
console-yes = oui
console-no = non
