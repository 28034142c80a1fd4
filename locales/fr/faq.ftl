## FAQ
button-faq = Questions fréquentes
button-none-of-these = Aucune de celles-ci
button-more = Plus…
faq-did-you-mean = Je ne suis pas sûr d'avoir compris. Vouliez-vous parler de l'un de ces sujets ?
faq-topics = Choisissez un sujet :
faq-topic-heading = { $topic } – choisissez une question :
faq-topic-theme = Thème
faq-topic-history = Histoire
faq-topic-sdgs = ODD
faq-topic-workshops = Ateliers
faq-topic-topics = Sujets par atelier
faq-topic-practical = Infos pratiques
faq-unknown-entry = Je ne trouve pas cette question. Choisissez un sujet :
faq-none-noted = Merci : j'ai transmis votre question aux organisateurs. Vous pouvez aussi chercher parmi ces sujets :

## Organisateurs
organisers-only = Cette commande est réservée aux organisateurs.
unanswered-none = Aucune question sans réponse pour l'instant.
unanswered-heading = { $count ->
        [one] { $count } question sans réponse
       *[other] { $count } questions sans réponse
    }, { $groups ->
        [one] en { $groups } groupe
       *[other] en { $groups } groupes
    } (les plus fréquentes d'abord) :
unanswered-line = • ×{ $count } ({ $languages }) « { $example } »
