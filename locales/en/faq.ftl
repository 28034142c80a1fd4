## FAQ
button-faq = FAQ
button-none-of-these = None of these
button-more = More…
faq-did-you-mean = I'm not sure I understood. Did you mean one of these?
faq-topics = Choose a topic:
faq-topic-heading = { $topic } – choose a question:
faq-topic-theme = Theme
faq-topic-history = History
faq-topic-sdgs = SDGs
faq-topic-workshops = Workshops
faq-topic-topics = Topics by workshop
faq-topic-practical = Practical
faq-unknown-entry = I can't find that question. Choose a topic:
faq-none-noted = Thank you: I have passed your question on to the organisers. You can also look through these topics:

## Organisers
organisers-only = This command is for organisers only.
unanswered-none = No unanswered questions so far.
unanswered-heading = Unanswered questions: { $count } in { $groups ->
        [one] { $groups } group
       *[other] { $groups } groups
    } (most frequent first):
unanswered-line = • ×{ $count } ({ $languages }) "{ $example }"
