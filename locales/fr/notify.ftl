## Messages envoyés sans demande
notify-changed = Changement de programme : « { $title } »
notify-time = Horaire : { $old } → { $new }
notify-room = Salle : { $old } → { $new }
notify-cancelled = ⚠ Cette session est annulée.
notify-reinstated = Cette session est rétablie : elle aura bien lieu.
notify-added = Nouvelle session au programme : « { $title } », { $when }, { $room }.
notify-added-no-room = Nouvelle session au programme : « { $title } », { $when }.
notify-removed = La session « { $title } », prévue le { $when }, a été retirée du programme.
notify-reminder = Rappel : « { $title } » commence bientôt – { $when }, { $room }.
notify-reminder-no-room = Rappel : « { $title } » commence bientôt – { $when }.
broadcast-heading = 📢 Message des organisateurs :
broadcast-report = Diffusion n° { $id } terminée : { $sent ->
        [one] { $sent } envoyé
       *[other] { $sent } envoyés
    }, { $failed ->
        [one] { $failed } échec
       *[other] { $failed } échecs
    }, { $blocked ->
        [one] { $blocked } bloqué
       *[other] { $blocked } bloqués
    }, { $waiting } en attente du quota LINE.
answer-later-heading =
    Vous nous aviez demandé : « { $question } »
    Voici la réponse des organisateurs :
