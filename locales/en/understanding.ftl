## Understanding free text
offtopic = I can only answer questions about the Rencontres: the programme, the workshops, the theme, the history of the meeting and your agenda. I have no information on the weather, transport or restaurants.
thanks-reply = You're welcome! Ask me any time about the programme, the workshops or your agenda.
button-not-this = Not what I meant
agenda-add-which = Which session would you like to add to your agenda? Choose it in the programme:
agenda-remove-which = Which session would you like to remove from your agenda?
programme-ended-note = The meeting ended on { $last }; the programme is still here for reference.
button-read-more = Read more
