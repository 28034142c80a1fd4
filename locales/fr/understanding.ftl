## Compréhension du texte libre
offtopic = Je ne peux répondre qu'aux questions sur les Rencontres : le programme, les ateliers, le thème, l'histoire des Rencontres et votre agenda. Pour la météo, les transports ou les restaurants, je n'ai pas d'informations.
thanks-reply = Avec plaisir ! Je reste à votre disposition pour le programme, les ateliers et votre agenda.
button-not-this = Autre chose ?
agenda-add-which = Quelle session voulez-vous ajouter à votre agenda ? Choisissez-la dans le programme :
agenda-remove-which = Quelle session voulez-vous retirer de votre agenda ?
programme-ended-note = Les Rencontres se sont terminées le { $last } ; le programme reste consultable.
button-read-more = Lire la suite
