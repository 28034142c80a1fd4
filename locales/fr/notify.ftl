## Messages envoyés sans demande
notify-changed = Changement de programme : « { $title } »
notify-time = Horaire : { $old } → { $new }
notify-room = Salle : { $old } → { $new }
notify-cancelled = ⚠ Cette session est annulée.
notify-reinstated = Cette session est de nouveau maintenue.
notify-added = Nouvelle session au programme : « { $title } », { $when }, { $room }.
notify-removed = « { $title } » ({ $when }) a été retirée du programme.
notify-reminder = Rappel : « { $title } » commence bientôt – { $when }, { $room }.
broadcast-heading = 📢 Message des organisateurs :
broadcast-report = Diffusion n° { $id } terminée : { $sent } envoyés, { $failed } échecs, { $blocked } bloqués, { $waiting } en attente du quota LINE.
