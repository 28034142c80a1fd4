command-console = Ouvrir la console web des organisateurs
console-link =
    Votre lien de connexion à la console des organisateurs :
    { $link }
    Il est valable { $minutes } minutes et ne sert qu'une fois. Ne le transférez à personne.
console-not-configured = La console web n'est pas disponible : l'adresse publique du serveur (PUBLIC_URL) n'est pas configurée.
