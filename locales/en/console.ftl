# The organisers' web console (/organisers/).
console-title = Organisers' console
console-nav-overview = Overview
console-nav-programme = Programme
console-nav-inbox = Unanswered questions
console-nav-audit = Audit log
console-language = Language
console-language-fr = French
console-language-ja = Japanese
console-language-en = English
console-language-apply = Change
console-sign-out = Sign out
console-sign-out-everywhere = Sign out everywhere
console-signed-out = You are not signed in, or your session has expired. Send /console to the bot to receive a new sign-in link.
console-signed-out-done = You are signed out. Send /console to the bot to sign in again.
console-too-large = The form sent is too large; nothing was changed.
console-csrf = This form has expired or did not come from the console; nothing was changed. Reload the page and try again.
console-too-many-attempts = Too many sign-in attempts from this address. Wait a few minutes before trying again.
console-link-invalid = This sign-in link is no longer valid: it was already used, it has expired (10 minutes) or you are no longer an organiser. Send /console to the bot to receive a new one.
console-sign-in-title = Sign in to the console
console-sign-in-text = This link works once. Press the button to open the console on this device.
console-sign-in-button = Open the console
console-outcome-answered = Answered
console-outcome-clarified = Asked back
console-outcome-fallback = Not answered
console-outcome-off_topic = Off-topic
console-per-hour = Messages per hour (last 24 hours, venue time)
console-per-day = How messages were understood, per day (last 7 days)
console-delegates = { $count ->
        [one] delegate
       *[other] delegates
    }
console-active-24h = { $count ->
       *[other] active in the last 24 h
    }
console-messages-24h = { $count ->
        [one] message in the last 24 h
       *[other] messages in the last 24 h
    }
console-unanswered-open = { $count ->
        [one] unanswered question to handle
       *[other] unanswered questions to handle
    }
console-delegates-by = Delegates by platform and language
console-platform = Platform
console-none-yet = Nothing yet.
console-top-entries = Most asked questions (7 days)
console-top-sessions = Most viewed sessions (7 days)
console-pushes = Pushed messages
console-outbox-waiting = Waiting to be sent
console-outbox-waiting-quota = Waiting for the LINE quota
console-outbox-failed = Failed
console-outbox-blocked = Delegates who blocked the bot
console-line-quota = LINE quota this month
console-line-quota-value = { $used } used of { $limit }
console-session-changed =
    { $count ->
        [0] The change is saved; no delegate is concerned.
        [one] The change is saved; the delegate concerned is told in their language.
       *[other] The change is saved; the { $count } delegates concerned are told in their language.
    }
console-cancelled = cancelled
console-session-unknown = This session is not (or no longer) in the programme.
console-field = Field
console-field-date = Date
console-field-start = Start
console-field-end = End
console-field-status = Status
console-field-title = Title
console-field-room = Room
console-status-confirmed = Going ahead
console-status-cancelled = Cancelled
console-preview = Preview of the change
console-preview-button = Preview
console-before = Before
console-after = After
console-told =
    { $count ->
        [0] No delegate will be told.
        [one] One delegate will be told.
       *[other] { $count } delegates will be told.
    }
console-apply = Confirm the change
console-no-change = Nothing differs from the current programme.
console-cancel = Go back without saving
console-inbox-summary =
    { $count ->
        [0] No question waiting.
        [one] One question waiting.
       *[other] { $count } questions waiting, { $groups ->
            [one] all on one subject.
           *[other] in { $groups } groups.
        }
    }
console-inbox-group =
    { $count ->
        [one] Asked once, on { $first }
       *[other] Asked { $count } times, from { $first } to { $last }
    }
console-inbox-attach = Attach to an existing entry
console-inbox-entry = FAQ entry
console-inbox-tell = Send the answer to the delegates who asked
console-inbox-attach-button = Attach
console-inbox-new = Write a new entry
console-inbox-new-id = Identifier (lower-case letters, digits and hyphens)
console-inbox-answer = Answer
console-inbox-new-button = Create the entry
console-inbox-dismiss = Dismiss
console-inbox-empty = Every question has been handled.
console-inbox-attached =
    { $count ->
        [one] Question attached: the bot answers it from now on.
       *[other] { $count } questions attached: the bot answers them from now on.
    }{ $told ->
        [0] {""}
        [one] {" "}The answer is sent to the delegate who asked.
       *[other] {" "}The answer is sent to the { $told } delegates who asked.
    }
console-inbox-dismissed = The questions were dismissed.
console-audit-when = When
console-audit-who = Who
console-audit-what = Action
console-audit-detail = Detail
# The audit log's actions: `console-audit-action-<action>` (bot/web/console.py AUDIT_ACTIONS).
console-audit-action-broadcast-create = Announcement sent or scheduled
console-audit-action-broadcast-cancel = Scheduled announcement cancelled
console-audit-action-console-link = Console sign-in link requested
console-audit-action-console-sign-in = Signed in to the console
console-audit-action-console-sign-in-refused = Sign-in link refused (already used, expired or unknown)
console-audit-action-console-session-refused = Console access refused (session ended or forged cookie)
console-audit-action-console-csrf-refused = Form refused (expired, or not sent from the console)
console-audit-action-console-sign-out = Signed out of the console
console-audit-action-console-sign-out-everywhere = Signed out of the console on every device
console-audit-action-delegate-forget = A delegate's data erased (/forget)
console-audit-action-delegate-language = Language changed (/lang)
console-audit-action-faq-add = FAQ entry added
console-audit-action-faq-edit = FAQ entry edited
console-audit-action-faq-delete = FAQ entry deleted
console-audit-action-faq-import = FAQ updated
console-audit-action-organisers-add = Organiser added
console-audit-action-organisers-remove = Organiser removed
console-audit-action-programme-import = Programme updated
console-audit-action-programme-upload = Programme file uploaded in the console
console-audit-action-programme-edit = Session edited in the console
console-audit-action-programme-set = Session edited in the chat (/set)
console-audit-action-unanswered-attach = Unanswered questions attached to the FAQ
console-audit-action-unanswered-dismiss = Unanswered questions dismissed
console-audit-action-refused = Organisers' command refused (/{ $command })
inbox-nothing-open = These questions have already been handled, perhaps by another organiser.
inbox-entry-id-taken = The identifier “{ $id }” is already taken or empty; choose another.
inbox-unknown-entry = No FAQ entry has the identifier “{ $id }”.
console-nav-broadcasts = Announcements
console-optional = optional
console-broadcast-new = New announcement
console-broadcast-text = Text
console-broadcast-audience = Recipients
console-broadcast-when = Scheduled for ({ $zone }; leave empty to send right away)
console-broadcast-recipients =
    { $count ->
        [0] Nobody will receive it ({ $audience }).
        [one] One person will receive it: { $audience }.
       *[other] { $count } people will receive it: { $audience }.
    }
console-broadcast-by-language = By language
console-broadcast-line = LINE messages used: { $used } ({ $left } left this month).
console-broadcast-line-missing =
    { $count ->
        [one] One LINE message is beyond the quota: it will go with the next reply to that delegate.
       *[other] { $count } LINE messages are beyond the quota: each will go with the next reply to its delegate.
    }
console-broadcast-at = Sent on { $when } ({ $zone }).
console-broadcast-now = Sent right away.
console-broadcast-send = Send
console-broadcast-created = The announcement is saved; its progress shows below.
console-broadcast-cancelled = The scheduled announcement is cancelled; nothing was sent.
console-broadcast-history = Sent and scheduled announcements
console-broadcast-status-scheduled = going out or scheduled
console-broadcast-status-done = done
console-broadcast-status-cancelled = cancelled
console-broadcast-progress = sent: { $sent } · failed: { $failed } · blocked: { $blocked } · waiting for the LINE quota: { $waiting } · total: { $total }
console-broadcast-cancel = Cancel sending
console-broadcast-texts-missing = The French and Japanese texts are required.
console-broadcast-too-long = A text is longer than { $max } characters.
console-broadcast-bad-audience = These recipients are not recognised.
console-broadcast-bad-time = The date and time of sending are not valid.
console-broadcast-not-cancellable = This announcement can no longer be cancelled: it has already gone out, in part or in full.
console-broadcast-preview = Preview of the announcement
console-upload = Import a programme file
console-upload-button = See the changes
console-upload-formats = CSV (UTF-8 or Shift-JIS; comma, semicolon or tab separated), XLSX, YAML, or pretalx and frab schedule.json / schedule.xml; 5 MB at most.
console-download = Download the programme:
console-upload-refused = The file was not imported and nothing changed:
console-upload-preview = Changes made by “{ $name }”
console-upload-summary = Sessions added: { $added } · removed: { $removed } · changed: { $changed }
console-upload-added = Added
console-upload-removed = Removed
console-upload-changed = Changed
console-session = Session
console-upload-done = The programme is imported; the delegates concerned are told in their language.
console-export-unknown = There is no such export format.
console-nav-faq = FAQ
console-faq-search = Search
console-faq-add = New entry
console-faq-none-found = No entry matches.
console-faq-saved = The entry is saved; the bot uses it from now on.
console-faq-deleted = The entry is deleted.
console-faq-unknown = This entry does not (or no longer) exist.
console-faq-not-deleted = This entry cannot be deleted: it is the last one of the FAQ, or it no longer exists.
console-faq-id = Identifier
console-faq-topic = Topic
console-faq-related = Related entries (identifiers separated by commas)
console-faq-questions = Other ways to ask (one per line)
console-faq-save = Save
console-faq-delete = Delete the entry
console-faq-stolen =
    { $count ->
        [one] With this version, the bot would answer one question written for another entry with this one:
       *[other] With this version, the bot would answer { $count } questions written for other entries with this one:
    }
console-faq-stolen-confirm = Save anyway
inbox-invalid = The entry was not created:
faq-problem-bad-id = { $where }: the identifier may only hold lower-case letters, digits and hyphens.
faq-problem-duplicate-id = { $where }: this identifier is already taken.
faq-problem-no-answer = { $where }: the answer { $language } is missing.
faq-problem-answer-not-text = { $where }: the answer { $language } must be text.
faq-problem-few-questions = { $where }: at least 4 ways to ask the question { $language } are needed (the delegates' questions count).
faq-problem-title-length = { $where }: the title { $language } must be 1 to 20 characters.
faq-problem-related-missing = { $where }: the related entry “{ $related }” does not exist.
faq-problem-invalid = { $where } { $detail }
faq-problem-unknown = { $where }: this entry does not exist.
faq-problem-last-entry = { $where }: the FAQ cannot be left empty.
console-in-language-fr = in French
console-in-language-ja = in Japanese
console-in-language-en = in English
console-upload-stale = The programme changed since the preview (another organiser?): here are the changes this file makes now. Nothing has been changed yet.
console-broadcast-changed = The text, the recipients or the time changed since the preview: check this new preview, then send.
console-broadcast-past = This time has passed: choose a time to come, or leave it empty to send right away.
console-faq-delete-unsure = Tick the box to confirm the deletion: nothing was deleted.
console-faq-delete-sure = I confirm: delete this FAQ entry
console-field-title-short = Title (20 characters at most, shown on buttons)
console-language-paren = {" "}({ $language })
console-optional-suffix = , optional
console-hour = { $hour }:00
console-field-track = Track
console-broadcast-preview-button = Preview
console-faq-changed-meanwhile = Another organiser changed this entry since you opened it: nothing was saved. Your changes are below; open the entry in another tab to see theirs, then save again.
# Why a programme file is refused: `programme-problem-<kind>` (handlers/schedule/files.py ProblemKind),
# after its place (a line, a spreadsheet's row, a JSON or XML path) and its column.
programme-problem-line = line { $line }
programme-problem-row = sheet “{ $sheet }”, row { $line }
programme-problem-file = file
programme-problem-column = { $place }, column { $column }
programme-problem-at = { $place }: { $message }
programme-problem-too-large = the file is larger than { $limit } MB: refused unread.
programme-problem-cannot-read = the file cannot be read ({ $detail }).
programme-problem-unsupported-format = { $looks_like ->
    [xls] this is an Excel 97-2003 workbook (.xls), which confbot does not read: save it as .xlsx or as CSV UTF-8.
    [pdf] this is a PDF document, which confbot does not read: export the programme as CSV, XLSX or schedule.json.
    [json] this is JSON that is not a c3voc schedule (no “schedule”): confbot reads CSV, XLSX, YAML and c3voc schedule.json / schedule.xml.
    [html] this is a web page (HTML), which confbot does not read: give the address of the file itself (schedule.xml or schedule.json).
    [xml] this is XML whose root element is “{ $value }”, not a c3voc “<schedule>”: confbot reads CSV, XLSX, YAML and c3voc schedule.json / schedule.xml.
    [ics] this is an iCalendar file (.ics): confbot writes them but does not import them.
    [damaged-zip] this is a damaged ZIP archive: confbot reads CSV, XLSX, YAML and c3voc schedule.json / schedule.xml.
    [ods] this is an OpenDocument spreadsheet (.ods), which confbot does not read: save it as .xlsx or as CSV UTF-8.
    [odt] this is an OpenDocument text (.odt), which confbot does not read: save the programme as .xlsx or as CSV UTF-8.
    [docx] this is a Word document (.docx), which confbot does not read: confbot reads CSV, XLSX, YAML and c3voc schedule.json / schedule.xml.
    [zip] this is a ZIP archive that is not an XLSX workbook: confbot reads CSV, XLSX, YAML and c3voc schedule.json / schedule.xml.
   *[binary] this is a binary file of unknown format: confbot reads CSV, XLSX, YAML and c3voc schedule.json / schedule.xml.
}
programme-problem-not-text-in-encoding = the text cannot be read as { $encoding } (unreadable character at column { $count }): save the file as CSV UTF-8.
programme-problem-garbled-cp932 = the file is not UTF-8, and read as Shift-JIS it gives “{ $value }”: is it a Windows-1252 file (French Excel)? Save it as CSV UTF-8.
programme-problem-empty-file = the file is empty.
programme-problem-empty-sheet = the sheet is empty.
programme-problem-no-sheet = the workbook has no sheet “{ $value }” (sheets: { $expected }).
programme-problem-too-many-rows = sheet “{ $sheet }” has more than { $limit } rows.
programme-problem-unpacks-too-large = the workbook unpacks to more than { $limit } MB.
programme-problem-unreadable = unreadable { $expected } file ({ $detail }).
programme-problem-not-a-programme = the first line names none of the programme's columns (id, date, start, end, track…): is this a programme file?
programme-problem-missing-column = this required column is missing.
programme-problem-unknown-column = unknown column (the programme's columns are id, date, start, end, track, title_fr, title_ja, title_en, room_fr, room_ja, room_en, speakers, description_fr, description_ja, description_en and status).
programme-problem-unknown-field = unknown field.
programme-problem-repeated-field = this field is written twice in the session.
programme-problem-too-many-values = { $count } values for { $limit } columns.
programme-problem-line-break = a line break inside a value: is a quote (") left open?
programme-problem-not-a-list = a list is expected here (in a YAML file, the list of sessions or “sessions:”).
programme-problem-not-a-mapping = fields (name: value) are expected here.
programme-problem-not-text = text is expected here.
programme-problem-missing-value = this required value is empty.
programme-problem-too-long = the value is longer than { $limit } characters.
programme-problem-control-character = the value holds a control character (NUL or similar).
programme-problem-bad-id = the identifier “{ $value }” is not valid: letters, digits, “.”, “_” or “-” only, 64 characters at most.
programme-problem-no-id = the session has no code, id or guid.
programme-problem-duplicate-id = the identifier “{ $value }” is used twice (first: { $first }).
programme-problem-bad-track = the track “{ $value }” is not valid: one lowercase word, e.g. plenary, economy or visit.
programme-problem-bad-date = “{ $value }” is not a date in the format { $expected ->
    [YYYY-MM-DD] YYYY-MM-DD
   *[other] { $expected }
}.
programme-problem-no-date = no date, and no day and start time to work it out from.
programme-problem-bad-time = “{ $value }” is not a time in the format { $expected }.
programme-problem-bad-duration = “{ $value }” is not a duration in the format HH:MM.
programme-problem-bad-status = the status must be confirmed or cancelled.
programme-problem-no-title = a French or Japanese title (title_fr or title_ja) is required.
programme-problem-end-before-start = the end must be after the start.
programme-problem-no-session = the file holds no session.
programme-problem-other = { $detail }
console-field-description = Description
console-field-speakers = Speakers
# What an import read but the organiser should check: `programme-warning-<kind>`
# (handlers/schedule/files.py WarningKind), after its place when it has one.
programme-warning-one-title = { $language ->
    [ja] session “{ $session }” has no Japanese title (title_ja): its French title is shown instead.
   *[fr] session “{ $session }” has no French title (title_fr): its Japanese title is shown instead.
}
programme-warning-sheet-not-xlsx = --sheet applies to XLSX workbooks only; this file is { $value }.
programme-warning-read-as-cp932 = the file is not UTF-8: it was read as { $encoding }. Check the accents of the French texts, which this encoding cannot hold (Excel writes “?” for them).
programme-warning-guid-as-id = session “{ $session }” is also at { $first }: this second slot takes its guid, { $value }, as its id.
programme-warning-schema = departs from the c3voc schema, which does not stop the import ({ $detail }).
programme-warning-more-deviations = { $count ->
    [one] one more departure from the c3voc schema is not shown.
   *[other] { $count } more departures from the c3voc schema are not shown.
}
programme-warning-unknown-track = session type “{ $value }” is not in content/tracks.yaml: its sessions are imported as “{ $code }” (add it there to name it in every language).
programme-warning-no-track = { $count ->
    [one] one session has no type (track): it is imported as “{ $code }”.
   *[other] { $count } sessions have no type (track): they are imported as “{ $code }”.
}
programme-warning-one-language = { $count ->
    [one] one session has its title in one language only (the file says: { $languages }): it is shown as it is in French, Japanese and English ({ $sessions }). To give the translations, import the programme as CSV or XLSX.
   *[other] { $count } sessions have their title in one language only (the file says: { $languages }): they are shown as they are in French, Japanese and English ({ $sessions }). To give the translations, import the programme as CSV or XLSX.
}

## How an uploaded programme file was read, above its preview
programme-reading-csv = Read as a CSV file: { $encoding }, { $separator }.
programme-reading-yaml = Read as a YAML file: { $encoding }.
programme-reading-xlsx = Read as an XLSX workbook: sheet “{ $sheet }”.
programme-reading-c3voc-json = Read as a pretalx or frab schedule.json.
programme-reading-c3voc-xml = Read as a pretalx or frab schedule.xml.
programme-encoding-utf8 = UTF-8
programme-encoding-utf8-bom = UTF-8 with BOM
programme-encoding-utf16 = UTF-16
programme-encoding-cp932 = Shift-JIS (cp932)
programme-separator-comma = comma-separated
programme-separator-semicolon = semicolon-separated
programme-separator-tab = tab-separated

## An audit line's details, by name
console-audit-detail-added = Added:
console-audit-detail-audience = Audience:
console-audit-detail-broadcast = Announcement no.
console-audit-detail-changed = Changed:
console-audit-detail-entry = Entry:
console-audit-detail-field = Field:
console-audit-detail-fields = Fields:
console-audit-detail-file = File:
console-audit-detail-language = Language:
console-audit-detail-member = Member:
console-audit-detail-new = New entry:
console-audit-detail-questions = Questions:
console-audit-detail-recipients = Messages:
console-audit-detail-removed = Removed:
console-audit-detail-session = Session:
console-audit-detail-source = Source:
console-audit-detail-stolen = Questions taken from other entries:
console-audit-detail-told = Delegates told:
console-audit-detail-value = Value:
console-yes = yes
console-no = no
