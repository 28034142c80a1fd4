## Deep links and QR codes
link-unknown = I don't recognise this link: it may have been copied wrongly. Here is what I can do:
link-session-unknown = This session is not (or no longer) in the programme. See the programme:
workshop-unknown = I can't find the workshop "{ $code }". Here are the workshops:
