## Liens directs et codes QR
link-unknown = Je ne reconnais pas ce lien : il a peut-être été mal recopié. Voici ce que je peux faire :
link-session-unknown = Cette session n'est pas (ou plus) au programme. Consultez le programme :
workshop-unknown = Je ne trouve pas l'atelier « { $code } ». Voici les ateliers :
