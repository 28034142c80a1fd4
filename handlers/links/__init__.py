"""Deep links and QR codes: a link (or its QR code on a poster or a badge) that opens a
session's card or a workshop in the bot, or follows a workshop, on Telegram and on LINE."""
