"""The organisers' web console: sign-in from a chat link, the overview, the programme, the
unanswered inbox, the FAQ, announcements and the audit log, under /organisers/.

Each request runs in one transaction: the session check, the CSRF check of a form, the use case
and its audit line commit together, or not at all. A refused request still commits its audit
line. Pages are rendered on the server (Jinja2, autoescaped); the only script refreshes the
overview and an announcement's delivery.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jinja2
from babel.dates import format_skeleton, get_timezone_name
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from bot.app import App
from bot.web import charts
from bot.web.guard import (
    COOKIE,
    SignInLimiter,
    clear_cookie,
    client_of,
    csrf_ok,
    set_cookie,
    signed_in,
)
from db.models import AuditLog, Delegate, OutboxStatus, SessionStatus
from handlers.broadcast.audience import Audience, AudienceError, AudienceKind
from handlers.broadcast.phrases import audience_phrase
from handlers.broadcast.usecases import (
    Delivery,
    NotCancellable,
    cancel_broadcast,
    create_broadcast,
    preview,
    recent_deliveries,
    same_recent_broadcast,
)
from handlers.broadcast.wizard import MAX_TEXT
from handlers.core.store import audit
from handlers.core.yaml_files import MAX_FILE
from handlers.faq import editor
from handlers.faq.files import EntryProblem
from handlers.faq.inbox import InboxError, NewEntry, attach, dismiss
from handlers.faq.replies import TOPICS
from handlers.faq.store import load_faq
from handlers.faq.unanswered import unanswered_groups
from handlers.notify.changes import count_recipients
from handlers.notify.options import NotifyOptions
from handlers.notify.payloads import BroadcastPayload
from handlers.notify.render import render
from handlers.organisers.console_access import SignedIn, redeem_link, set_language, sign_out
from handlers.schedule import store as programme_store
from handlers.schedule.cards import quoted
from handlers.schedule.exports import ExportFormat, export_programme
from handlers.schedule.files import (
    FileReading,
    Problem,
    ProgrammeFileError,
    ProgrammeWarning,
)
from handlers.schedule.formats import parse_programme
from handlers.schedule.model import EDITABLE, SessionRow
from handlers.schedule.replies import edit_error
from handlers.schedule.usecases import EditError, SessionNotFound, edit_session, replace_programme
from handlers.stats.overview import UNDERSTANDING, overview

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
LANGUAGES = ("fr", "ja", "en")
# A form is a few fields and texts; an FAQ answer is the longest (a few thousand characters).
MAX_FORM_BYTES = 64 * 1024
# A programme file (5 MB at most, as the command line), and its confirmation, which carries it
# back in base64 so that any replica can apply it.
UPLOAD_BYTES = MAX_FILE + MAX_FORM_BYTES
CONFIRM_BYTES = MAX_FILE * 4 // 3 + MAX_FORM_BYTES
# Where the language switcher goes back to from a page that answered a form (POST only).
SECTION_PATHS = {
    "overview": "/",
    "programme": "/programme",
    "inbox": "/inbox",
    "faq": "/faq",
    "broadcasts": "/broadcasts",
    "audit": "/audit",
}


# Every action the audit log records (the `audit(...)` of handlers/ and bot/), each named in
# the catalogues as `console-audit-action-<action, "." as "-">`; an organisers' command refused
# to someone else is "refused.<command>". Any other action (an old one) is shown as its code.
AUDIT_ACTIONS = frozenset(
    {
        "broadcast.cancel",
        "broadcast.create",
        "console.csrf-refused",
        "console.link",
        "console.session-refused",
        "console.sign-in",
        "console.sign-in-refused",
        "console.sign-out",
        "console.sign-out-everywhere",
        "delegate.forget",
        "delegate.language",
        "faq.add",
        "faq.delete",
        "faq.edit",
        "faq.import",
        "organisers.add",
        "organisers.remove",
        "programme.edit",
        "programme.import",
        "programme.set",
        "programme.upload",
        "unanswered.attach",
        "unanswered.dismiss",
    }
)
REFUSED = "refused."
# Every detail an audit line may carry (the keywords of `audit(...)`, the keys of an
# `AuditLog(detail=...)`), named in the catalogues as `console-audit-detail-<key>`; any other
# (an old line's) is shown by its key.
AUDIT_DETAILS = frozenset(
    {
        "added",
        "audience",
        "broadcast",
        "changed",
        "entry",
        "field",
        "fields",
        "file",
        "language",
        "member",
        "new",
        "questions",
        "recipients",
        "removed",
        "session",
        "source",
        "stolen",
        "told",
        "value",
    }
)


@dataclass(frozen=True)
class Visit:
    """One request of a signed-in organiser, with what the pages need."""

    request: Request
    db: AsyncSession
    who: SignedIn
    app: App
    now: datetime
    form: FormData | None

    @property
    def lang(self) -> str:
        return self.who.language

    def t(self, message_id: str, **args: Any) -> str:
        return self.app.deps.t(self.lang, message_id, **args)


Page = Callable[[Visit], Awaitable[Response]]


class OrganisersConsole:
    def __init__(self, app: Callable[[], App | None], *, idle: timedelta, secure: bool) -> None:
        self._app = app
        self.idle = idle
        self.secure = secure
        self.limiter = SignInLimiter()
        # Autoescaped whatever the file name: a session title "<script>" is shown as text.
        environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True
        )
        self.templates = Jinja2Templates(env=environment)

    def mount(self) -> Mount:
        return Mount(
            "/organisers",
            routes=[
                Route("/", self._page(self.overview_page)),
                Route("/overview.json", self._page(self.overview_json)),
                Route("/sign-in/{token}", self.sign_in, methods=["GET", "POST"]),
                Route("/sign-out", self._page(self.sign_out), methods=["POST"]),
                Route("/language", self._page(self.language), methods=["POST"]),
                Route("/programme", self._page(self.programme_page)),
                Route("/programme/export", self._page(self.programme_export)),
                Route(
                    "/programme/upload",
                    self._page(self.programme_upload, max_bytes=UPLOAD_BYTES, files=1),
                    methods=["POST"],
                ),
                Route(
                    "/programme/upload/confirm",
                    self._page(self.programme_upload, max_bytes=CONFIRM_BYTES),
                    methods=["POST"],
                ),
                Route(
                    "/programme/{session_id}",
                    self._page(self.session_page),
                    methods=["GET", "POST"],
                ),
                Route("/inbox", self._page(self.inbox_page)),
                Route("/inbox/attach", self._page(self.inbox_attach), methods=["POST"]),
                Route("/inbox/dismiss", self._page(self.inbox_dismiss), methods=["POST"]),
                Route("/broadcasts", self._page(self.broadcasts_page)),
                Route("/broadcasts.json", self._page(self.broadcasts_json)),
                Route("/broadcasts/preview", self._page(self.broadcast_preview), methods=["POST"]),
                Route("/broadcasts/send", self._page(self.broadcast_send), methods=["POST"]),
                Route(
                    "/broadcasts/{broadcast_id:int}/cancel",
                    self._page(self.broadcast_cancel),
                    methods=["POST"],
                ),
                Route("/faq", self._page(self.faq_page)),
                Route("/faq/new", self._page(self.faq_entry), methods=["GET", "POST"]),
                Route("/faq/{entry_id}", self._page(self.faq_entry), methods=["GET", "POST"]),
                Route("/faq/{entry_id}/delete", self._page(self.faq_delete), methods=["POST"]),
                Route("/audit", self._page(self.audit_page)),
                Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
            ],
        )

    # ------------------------------------------------------------------------ the request

    def _render(
        self, request: Request, template: str, lang: str, status: int = 200, **context: Any
    ) -> Response:
        app = self._app()
        assert app is not None

        def t(message_id: str, **args: Any) -> str:
            return app.deps.t(lang, message_id, **args)

        response: Response = self.templates.TemplateResponse(
            request,
            template,
            {
                "t": t,
                "lang": lang,
                "languages": LANGUAGES,
                "day": lambda value: format_skeleton("MMMEd", value, locale=lang),
                "moment": lambda value: _moment(value, lang, app.deps.tz),
                "zone": get_timezone_name(app.deps.tz, "long", locale=lang),
                "quoted": lambda text: quoted(lang, text),
                "section_paths": SECTION_PATHS,
                "section": "",
                **context,
            },
            status_code=status,
        )
        # The console's pages are never cached nor framed by another site.
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'"
        )
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    def _message(self, request: Request, lang: str, status: int, message_id: str) -> Response:
        return self._render(request, "message.html", lang, status, message_id=message_id)

    def _page(
        self, page: Page, *, max_bytes: int = MAX_FORM_BYTES, files: int = 0
    ) -> Callable[[Request], Awaitable[Response]]:
        """The checks every console page passes before `page` runs: a live session of a
        current organiser, and on a POST a form within limits carrying the session's CSRF
        token."""

        async def endpoint(request: Request) -> Response:
            app = self._app()
            if app is None:
                return Response("starting", status_code=503)
            lang = _accepted_language(request, app.deps.default_language)
            now = app.deps.clock()
            async with app.sessionmaker.begin() as db:
                who = await signed_in(request, db, idle=self.idle, now=now)
                if who is None:
                    if COOKIE in request.cookies:  # a session ended, or a forged cookie
                        audit(db, actor="?", action="console.session-refused", now=now)
                    return self._message(request, lang, 401, "console-signed-out")
                form = None
                if request.method == "POST":
                    length = request.headers.get("content-length", "")
                    if not length.isdigit() or int(length) > max_bytes:
                        return self._message(request, who.language, 413, "console-too-large")
                    form = await request.form(
                        max_files=files, max_fields=200, max_part_size=max_bytes
                    )
                    if not csrf_ok(who, form.get("csrf")):
                        audit(db, actor=who.actor, action="console.csrf-refused", now=now)
                        return self._message(request, who.language, 403, "console-csrf")
                return await page(Visit(request, db, who, app, now, form))

        return endpoint

    def _see_other(self, path: str) -> Response:
        return RedirectResponse(f"/organisers{path}", status_code=303)

    # ---------------------------------------------------------------------------- sign-in

    async def sign_in(self, request: Request) -> Response:
        """GET shows a button, POST signs in: chat apps open links to show previews, and a GET
        that used the link would spend it before the organiser taps it."""
        app = self._app()
        if app is None:
            return Response("starting", status_code=503)
        lang = _accepted_language(request, app.deps.default_language)
        token = request.path_params["token"]
        if request.method == "GET":
            return self._render(request, "sign_in.html", lang, token=token)
        if self.limiter.blocked(client_of(request)):
            return self._message(request, lang, 429, "console-too-many-attempts")
        now = app.deps.clock()
        async with app.sessionmaker.begin() as db:
            opened = await redeem_link(db, token[:128], language=lang, now=now)
            if opened is None:
                self.limiter.refused(client_of(request))
                audit(db, actor="?", action="console.sign-in-refused", now=now)
                return self._message(request, lang, 401, "console-link-invalid")
            cookie, who = opened
            delegate = await db.get(Delegate, who.delegate_id)
            if delegate is not None and delegate.language in LANGUAGES:
                await set_language(db, who.session_id, delegate.language)
        response = self._see_other("/")
        set_cookie(response, cookie, secure=self.secure, idle=self.idle)
        return response

    async def sign_out(self, visit: Visit) -> Response:
        assert visit.form is not None
        everywhere = visit.form.get("everywhere") == "1"
        await sign_out(visit.db, visit.who, everywhere=everywhere, now=visit.now)
        response = self._message(visit.request, visit.lang, 200, "console-signed-out-done")
        clear_cookie(response, secure=self.secure)
        return response

    async def language(self, visit: Visit) -> Response:
        assert visit.form is not None
        chosen = str(visit.form.get("language", ""))
        if chosen in LANGUAGES:
            await set_language(visit.db, visit.who.session_id, chosen)
        back = str(visit.form.get("back", "/"))
        return self._see_other(back if back.startswith("/") and "//" not in back else "/")

    # --------------------------------------------------------------------------- overview

    async def _overview(self, visit: Visit) -> Any:
        deps = visit.app.deps
        return await overview(
            visit.db, now=visit.now, tz=deps.tz, quota=await deps.quota.line_quota()
        )

    async def overview_page(self, visit: Visit) -> Response:
        figures = await self._overview(visit)
        names = {o.value: visit.t(f"console-outcome-{o.value}") for o in UNDERSTANDING}
        per_hour = charts.bars(
            [(visit.t("console-hour", hour=h.hour), n) for h, n in figures.per_hour],
            title=visit.t("console-per-hour"),
        )
        per_day = charts.stacked(
            [(format_skeleton("MMMd", d, locale=visit.lang), c) for d, c in figures.per_day],
            names=names,
            title=visit.t("console-per-day"),
        )
        matcher = await visit.app.deps.faq.matcher(visit.db)
        entry_titles = {
            entry_id: matcher.by_id[entry_id].title.get(visit.lang) or entry_id
            if entry_id in matcher.by_id
            else entry_id
            for entry_id, _ in figures.top_entries
        }
        rows = {r.id: r for r in await programme_store.load_rows(visit.db)}
        session_titles = {
            sid: _title(rows[sid], visit.lang) if sid in rows else sid
            for sid, _ in figures.top_sessions
        }
        fragment = visit.request.query_params.get("fragment") == "1"
        return self._render(
            visit.request,
            "overview_figures.html" if fragment else "overview.html",
            visit.lang,
            who=visit.who,
            figures=figures,
            per_hour=per_hour,
            per_day=per_day,
            outcome_names=names,
            outcome_colours=charts.OUTCOME_COLOURS,
            entry_titles=entry_titles,
            session_titles=session_titles,
            section="overview",
        )

    async def overview_json(self, visit: Visit) -> Response:
        figures = await self._overview(visit)
        return JSONResponse(figures.as_json(), headers={"Cache-Control": "no-store"})

    # -------------------------------------------------------------------------- programme

    async def programme_page(
        self, visit: Visit, *, problems: list[str] | None = None, status: int = 200
    ) -> Response:
        tz = visit.app.deps.tz
        days: dict[str, list[SessionRow]] = {}
        for row in sorted(await programme_store.load_rows(visit.db), key=lambda r: r.starts_at):
            days.setdefault(row.starts_at.astimezone(tz).date().isoformat(), []).append(row)
        return self._render(
            visit.request,
            "programme.html",
            visit.lang,
            status,
            who=visit.who,
            problems=problems or [],
            formats=[f.value for f in ExportFormat],
            days=days,
            tz=tz,
            title=_title,
            section="programme",
        )

    async def programme_export(self, visit: Visit) -> Response:
        query = visit.request.query_params
        try:
            file_format = ExportFormat(query.get("format", "csv"))
        except ValueError:
            return self._message(visit.request, visit.lang, 400, "console-export-unknown")
        language = query.get("lang", visit.lang)
        exported = await export_programme(
            visit.db,
            visit.app.deps,
            file_format,
            language=language if language in LANGUAGES else visit.lang,
            excel_bom=True,
        )
        disposition = f'attachment; filename="{exported.file_name}"'
        return Response(
            exported.data,
            media_type=exported.media_type,
            headers={"Content-Disposition": disposition, "Cache-Control": "no-store"},
        )

    async def programme_upload(self, visit: Visit) -> Response:
        """A programme file: the changes it makes and how many delegates will be told, then
        confirm; any problem is the import's own message, and nothing changes."""
        assert visit.form is not None
        deps = visit.app.deps
        upload = visit.form.get("file")
        if isinstance(upload, UploadFile):
            name = (upload.filename or "programme")[:200]
            data = await upload.read(MAX_FILE + 1)
        else:
            name = str(visit.form.get("name", "programme"))[:200]
            try:
                data = base64.b64decode(str(visit.form.get("data", "")), validate=True)
            except binascii.Error:
                data = b""
        confirm = visit.form.get("action") == "apply"
        version = (await programme_store.programme_version(visit.db))[0]
        stale = confirm and str(visit.form.get("version", "")) != str(version)
        # The programme changed since this preview (another organiser): show the changes again
        # rather than apply a diff nobody has seen.
        confirm = confirm and not stale
        try:
            parsed = parse_programme(data, deps.tz, name=name, tracks=deps.conference.tracks)
        except ProgrammeFileError as exc:
            return await self.programme_page(
                visit,
                problems=[programme_problem_text(visit.t, p) for p in exc.problems],
                status=422,
            )
        options = NotifyOptions.of(deps, visit.now, source=f"console {name}"[:160])
        diff = await replace_programme(
            visit.db,
            parsed.rows,
            source=f"console:{name}"[:200],
            sample=False,
            actor=visit.who.actor,
            now=visit.now,
            dry_run=not confirm,
            notify=options if confirm else None,
        )
        if confirm:
            audit(
                visit.db,
                actor=visit.who.actor,
                action="programme.upload",
                now=visit.now,
                file=name,
                added=len(diff.added),
                removed=len(diff.removed),
                changed=len(diff.changed),
            )
            return self._see_other("/programme?imported=1")
        return self._render(
            visit.request,
            "programme_upload.html",
            visit.lang,
            who=visit.who,
            name=name,
            data=base64.b64encode(data).decode(),
            reading=_reading_text(visit, parsed.reading),
            warnings=[programme_warning_text(visit.t, w) for w in parsed.warnings],
            diff=diff,
            changes=[
                (
                    change.session_id,
                    _field_label(visit, c.field),
                    *_values(visit, c.field, c.old, c.new),
                )
                for change in diff.changed
                for c in change.changes
            ],
            told=await count_recipients(visit.db, diff, options),
            version=version,
            stale=stale,
            title=_title,
            tz=deps.tz,
            section="programme",
        )

    async def session_page(self, visit: Visit) -> Response:
        """The edit form; "preview" shows the change and how many delegates will be told,
        "apply" makes it (the same use case as the chat's /set and the command line's)."""
        deps, session_id = visit.app.deps, visit.request.path_params["session_id"]
        rows = {r.id: r for r in await programme_store.load_rows(visit.db)}
        row = rows.get(session_id)
        if row is None:
            return self._message(visit.request, visit.lang, 404, "console-session-unknown")
        current = _fields(row, deps.tz)
        context: dict[str, Any] = {"row": row, "values": current, "title": _title}
        if visit.form is not None:
            wanted = {f: str(visit.form.get(f, current[f])).strip() for f in EDITABLE}
            edits = [(f, wanted[f]) for f in EDITABLE if wanted[f] != current[f]]
            if any(f == "start" for f, _ in edits) and all(f != "end" for f, _ in edits):
                # A new start keeps the duration in the model; the form shows an end, so the
                # end the organiser sees is the one that counts.
                edits.insert([f for f, _ in edits].index("start") + 1, ("end", wanted["end"]))
            context["values"] = wanted
            apply = visit.form.get("action") == "apply"
            options = NotifyOptions.of(deps, visit.now, source=visit.who.actor)
            try:
                diff = await edit_session(
                    visit.db,
                    session_id,
                    edits,
                    tz=deps.tz,
                    actor=visit.who.actor,
                    source="console",
                    notify=options,
                    dry_run=not apply,
                )
            except (SessionNotFound, EditError) as exc:
                if isinstance(exc, SessionNotFound):
                    return self._message(visit.request, visit.lang, 404, "console-session-unknown")
                value = wanted.get(exc.field, "")
                context["error"] = edit_error(deps.t, visit.lang, exc, value)
                return self._render(
                    visit.request, "session.html", visit.lang, 422, who=visit.who, **context
                )
            if apply:
                if not diff.is_empty:
                    audit(
                        visit.db,
                        actor=visit.who.actor,
                        action="programme.edit",
                        now=visit.now,
                        session=session_id,
                        fields=[f for f, _ in edits],
                    )
                told = await count_recipients(visit.db, diff, options) if not diff.is_empty else 0
                return self._see_other(f"/programme?changed={session_id}&told={told}")
            context["changes"] = [
                (_field_label(visit, c.field), *_values(visit, c.field, c.old, c.new))
                for change in diff.changed
                for c in change.changes
            ]
            context["told"] = await count_recipients(visit.db, diff, options)
        return self._render(
            visit.request, "session.html", visit.lang, who=visit.who, section="programme", **context
        )

    # ------------------------------------------------------------------------------ inbox

    async def inbox_page(
        self,
        visit: Visit,
        error: str = "",
        status: int = 200,
        kept: dict[str, str] | None = None,
    ) -> Response:
        total, groups = await unanswered_groups(visit.db, visit.app.deps.faq)
        matcher = await visit.app.deps.faq.matcher(visit.db)
        entries = sorted(
            ((e.id, e.title.get(visit.lang) or e.id) for e in matcher.entries),
            key=lambda pair: pair[1].casefold(),
        )
        return self._render(
            visit.request,
            "inbox.html",
            visit.lang,
            status,
            who=visit.who,
            total=total,
            groups=groups[:100],
            entries=entries,
            tz=visit.app.deps.tz,
            error=error,
            kept=kept or {},
            done=visit.request.query_params.get("done", ""),
            section="inbox",
        )

    async def inbox_attach(self, visit: Visit) -> Response:
        assert visit.form is not None
        form = visit.form
        ids = _ids(form.get("ids"))
        tell = form.get("tell") == "1"
        new = None
        if form.get("mode") == "new":
            new = NewEntry(
                id=_slug(str(form.get("new_id", ""))),
                topic="practical",
                titles={lang: str(form.get(f"title_{lang}", ""))[:200] for lang in LANGUAGES},
                answers={lang: str(form.get(f"answer_{lang}", ""))[:4000] for lang in LANGUAGES},
                questions={lang: _lines(form.get(f"questions_{lang}")) for lang in LANGUAGES},
            )
        try:
            resolved = await attach(
                visit.db,
                ids,
                entry_id=None if new else await self._entry_named(visit, form.get("entry_id")),
                new_entry=new,
                tell_askers=tell,
                actor=visit.who.actor,
                now=visit.now,
                pushable=visit.app.deps.pushable,
            )
        except InboxError as exc:
            error = visit.t(exc.message_id, **exc.args_)
            details = [_problem_text(visit, p) for p in exc.problems]
            # What was typed stays in the form, to be completed rather than typed again.
            kept = {k: str(v) for k, v in form.items() if k != "csrf"}
            return await self.inbox_page(visit, "\n".join([error, *details]), 422, kept)
        return self._see_other(
            f"/inbox?done=attached&n={resolved.questions}&told={resolved.delegates_told}"
        )

    async def _entry_named(self, visit: Visit, typed: object) -> str:
        """The entry an organiser typed: its id, or one of its titles (the suggestions show
        both)."""
        text = str(typed or "").strip()
        matcher = await visit.app.deps.faq.matcher(visit.db)
        if text in matcher.by_id:
            return text
        folded = text.casefold()
        for entry in matcher.entries:
            if folded in {getattr(entry.title, k).casefold() for k in LANGUAGES}:
                return entry.id
        return text

    async def inbox_dismiss(self, visit: Visit) -> Response:
        assert visit.form is not None
        try:
            await dismiss(
                visit.db, _ids(visit.form.get("ids")), actor=visit.who.actor, now=visit.now
            )
        except InboxError as exc:
            return await self.inbox_page(visit, visit.t(exc.message_id), status=422)
        return self._see_other("/inbox?done=dismissed")

    # ------------------------------------------------------------------------- broadcasts

    async def broadcasts_page(
        self, visit: Visit, *, composer: dict[str, Any] | None = None, status: int = 200
    ) -> Response:
        deps = visit.app.deps
        deliveries = await recent_deliveries(visit.db)
        audiences = {
            d.broadcast.id: await audience_phrase(
                deps, visit.db, visit.lang, Audience.from_dict(d.broadcast.audience)
            )
            for d in deliveries
        }
        return self._render(
            visit.request,
            "broadcasts.html",
            visit.lang,
            status,
            who=visit.who,
            deliveries=deliveries,
            progress={d.broadcast.id: _progress_text(visit, d) for d in deliveries},
            audiences=audiences,
            choices=await self._audience_choices(visit),
            composer=composer or {"texts": {}, "audience": "all", "send_at": ""},
            tz=deps.tz,
            max_text=MAX_TEXT,
            now=visit.now,
            section="broadcasts",
        )

    async def _audience_choices(self, visit: Visit) -> list[tuple[str, str]]:
        deps, lang = visit.app.deps, visit.lang
        audiences = [Audience(AudienceKind.ALL)]
        audiences += [Audience(AudienceKind.LANGUAGE, code) for code in LANGUAGES]
        audiences += [Audience(AudienceKind.CHANNEL, c) for c in sorted(deps.pushable)]
        audiences += [
            Audience(AudienceKind.TRACK, track.code)
            for track in deps.conference.tracks
            if track.workshop
        ]
        rows = sorted(await programme_store.load_rows(visit.db), key=lambda r: r.starts_at)
        audiences += [Audience(AudienceKind.SESSION, row.id) for row in rows]
        return [(str(a), await audience_phrase(deps, visit.db, lang, a)) for a in audiences]

    def _composed(self, visit: Visit) -> tuple[dict[str, Any], str]:
        """The composer's fields, and the message id of what is wrong with them ("" if none)."""
        assert visit.form is not None
        form = visit.form
        texts = {lang: str(form.get(f"text_{lang}", "")).strip() for lang in LANGUAGES}
        audience = str(form.get("audience", "all"))
        send_at = str(form.get("send_at", "")).strip()
        composer: dict[str, Any] = {"texts": texts, "audience": audience, "send_at": send_at}
        if not texts["fr"] or not texts["ja"]:
            return composer, "console-broadcast-texts-missing"
        if any(len(text) > MAX_TEXT for text in texts.values()):
            return composer, "console-broadcast-too-long"
        try:
            Audience.parse(audience)
        except AudienceError:
            return composer, "console-broadcast-bad-audience"
        if send_at:
            moment = _send_at(send_at, visit)
            if moment is None:
                return composer, "console-broadcast-bad-time"
            if moment < visit.now - timedelta(minutes=1):
                return composer, "console-broadcast-past"
        return composer, ""

    async def broadcast_preview(
        self, visit: Visit, *, composer: dict[str, Any] | None = None, status: int = 200
    ) -> Response:
        if composer is None:
            composer, problem = self._composed(visit)
            if problem:
                composer["error"] = visit.t(problem, max=MAX_TEXT)
                return await self.broadcasts_page(visit, composer=composer, status=422)
        deps = visit.app.deps
        audience = Audience.parse(composer["audience"])
        seen = await preview(
            visit.db,
            audience,
            default_language=deps.default_language,
            pushable=deps.pushable,
            quota=deps.quota,
        )
        payload = BroadcastPayload(broadcast_id=0)
        composer["key"] = _composer_key(composer)
        composer["preview"] = {
            "summary": seen.summary,
            "line_messages": seen.line_messages,
            "line_left": None if seen.quota is None else seen.quota.remaining,
            "line_missing": seen.line_missing,
            "phrase": await audience_phrase(deps, visit.db, visit.lang, audience),
            "versions": [
                (lang, render(deps, lang, payload, None, composer["texts"]).text)
                for lang in LANGUAGES
                if composer["texts"][lang] or lang != "en"
            ],
            "when": _send_at(composer["send_at"], visit) if composer["send_at"] else None,
        }
        return await self.broadcasts_page(visit, composer=composer, status=status)

    async def broadcast_send(self, visit: Visit) -> Response:
        """Sends what the organiser previewed, once: a form changed since its preview is
        previewed again, and the same announcement sent twice within a minute is one."""
        assert visit.form is not None
        composer, problem = self._composed(visit)
        if problem:
            composer["error"] = visit.t(problem, max=MAX_TEXT)
            return await self.broadcasts_page(visit, composer=composer, status=422)
        if visit.form.get("key") != _composer_key(composer):
            composer["error"] = visit.t("console-broadcast-changed")
            return await self.broadcast_preview(visit, composer=composer, status=409)
        deps = visit.app.deps
        audience = Audience.parse(composer["audience"])
        twice = await same_recent_broadcast(
            visit.db,
            actor=visit.who.actor,
            texts=composer["texts"],
            audience=audience,
            since=visit.now - timedelta(minutes=1),
        )
        if twice is not None:
            return self._see_other(f"/broadcasts?created={twice.id}")
        send_at = _send_at(composer["send_at"], visit) if composer["send_at"] else None
        delegate = await visit.db.get(Delegate, visit.who.delegate_id)
        broadcast, _summary = await create_broadcast(
            visit.db,
            texts=composer["texts"],
            audience=audience,
            actor=visit.who.actor,
            reporter_id=delegate.id if delegate is not None else None,
            send_at=send_at or visit.now,
            now=visit.now,
            default_language=deps.default_language,
            pushable=deps.pushable,
        )
        return self._see_other(f"/broadcasts?created={broadcast.id}")

    async def broadcast_cancel(self, visit: Visit) -> Response:
        try:
            await cancel_broadcast(
                visit.db,
                visit.request.path_params["broadcast_id"],
                actor=visit.who.actor,
                now=visit.now,
            )
        except NotCancellable:
            return self._message(
                visit.request, visit.lang, 409, "console-broadcast-not-cancellable"
            )
        return self._see_other("/broadcasts?cancelled=1")

    async def broadcasts_json(self, visit: Visit) -> Response:
        deliveries = await recent_deliveries(visit.db)
        return JSONResponse(
            {
                str(d.broadcast.id): {
                    "status": d.broadcast.status.value,
                    "recipients": d.broadcast.recipients,
                    "percent": d.percent,
                    "counts": {k.value: v for k, v in d.counts.items()},
                    "text": _progress_text(visit, d),
                }
                for d in deliveries
            },
            headers={"Cache-Control": "no-store"},
        )

    # -------------------------------------------------------------------------------- FAQ

    async def faq_page(self, visit: Visit) -> Response:
        matcher = await visit.app.deps.faq.matcher(visit.db)
        query = visit.request.query_params.get("q", "")[:200]
        return self._render(
            visit.request,
            "faq.html",
            visit.lang,
            who=visit.who,
            query=query,
            entries=editor.search(matcher, query),
            topic_name=lambda code: _topic_name(visit, code),
            done=visit.request.query_params.get("done", ""),
            section="faq",
        )

    async def faq_entry(self, visit: Visit) -> Response:
        """An entry's form; saving checks it as an import does, then tries it on the matcher:
        phrasings it would take from other entries are shown, and saved only if confirmed."""
        original_id = visit.request.path_params.get("entry_id")
        stored = {str(e["id"]): e for e in await load_faq(visit.db)}
        if original_id is not None and original_id not in stored:
            return self._message(visit.request, visit.lang, 404, "console-faq-unknown")
        current = stored.get(original_id or "", {})
        context: dict[str, Any] = {
            "original_id": original_id,
            "data": _faq_form(current),
            "version": _digest(current),
            "topics": _topic_choices(visit, str(current.get("topic") or "")),
        }
        if visit.form is not None:
            data = _faq_data(visit.form, current)
            context["data"] = _faq_form(data)
            context["topics"] = _topic_choices(visit, data["topic"])
            if original_id is not None and visit.form.get("version") != context["version"]:
                # Another organiser saved this entry since the form was opened: saving would
                # silently undo their change.
                context["problems"] = [visit.t("console-faq-changed-meanwhile")]
                return self._render(
                    visit.request,
                    "faq_entry.html",
                    visit.lang,
                    409,
                    who=visit.who,
                    section="faq",
                    **context,
                )
            result = await editor.save_entry(
                visit.db,
                visit.app.deps.faq,
                data,
                original_id=original_id,
                confirm_steal=visit.form.get("confirm") == "1",
                actor=visit.who.actor,
                now=visit.now,
            )
            if result.saved:
                return self._see_other(f"/faq?done=saved&id={data['id']}")
            context["problems"] = [_problem_text(visit, p) for p in result.problems]
            context["stolen"] = result.stolen
            status = 409 if result.stolen and not result.problems else 422
            return self._render(
                visit.request,
                "faq_entry.html",
                visit.lang,
                status,
                who=visit.who,
                section="faq",
                **context,
            )
        return self._render(
            visit.request, "faq_entry.html", visit.lang, who=visit.who, section="faq", **context
        )

    async def faq_delete(self, visit: Visit) -> Response:
        assert visit.form is not None
        if visit.form.get("sure") != "1":
            return self._message(visit.request, visit.lang, 422, "console-faq-delete-unsure")
        problems = await editor.delete_entry(
            visit.db, visit.request.path_params["entry_id"], actor=visit.who.actor, now=visit.now
        )
        if problems:
            return self._message(visit.request, visit.lang, 409, "console-faq-not-deleted")
        return self._see_other("/faq?done=deleted")

    # ------------------------------------------------------------------------------ audit

    async def audit_page(self, visit: Visit) -> Response:
        lines = (
            await visit.db.scalars(select(AuditLog).order_by(AuditLog.id.desc()).limit(300))
        ).all()
        return self._render(
            visit.request,
            "audit.html",
            visit.lang,
            who=visit.who,
            lines=lines,
            labels={line.action: audit_label(visit.t, line.action) for line in lines},
            details={line.id: audit_details(visit.t, line.detail) for line in lines},
            tz=visit.app.deps.tz,
            section="audit",
        )


# ------------------------------------------------------------------------------- helpers


def _accepted_language(request: Request, default: str) -> str:
    """Before sign-in, the browser's first supported language; the session's afterwards."""
    for part in request.headers.get("accept-language", "").split(","):
        code = part.split(";")[0].strip()[:2].lower()
        if code in LANGUAGES:
            return code
    return default


def audit_label(t: Callable[..., str], action: str) -> str:
    """An audit log's action as the organiser reads it: « Entrée de la FAQ modifiée » for
    faq.edit; the code itself for an action no catalogue names."""
    if action in AUDIT_ACTIONS:
        return t("console-audit-action-" + action.replace(".", "-"))
    command = action.removeprefix(REFUSED)
    if action.startswith(REFUSED) and command.isidentifier():
        return t("console-audit-action-refused", command=command)
    return action


def audit_details(t: Callable[..., str], detail: object) -> list[tuple[str, str]]:
    """An audit line's detail as name and value pairs in the organiser's language, where the
    raw JSON would need a developer: lists joined, a session's changed fields after it."""
    if not isinstance(detail, dict):
        return [("", json.dumps(detail, ensure_ascii=False))] if detail else []
    return [
        (
            t("console-audit-detail-" + key) if key in AUDIT_DETAILS else key,
            _audit_value(t, value),
        )
        for key, value in detail.items()
    ]


def _audit_value(t: Callable[..., str], value: object) -> str:
    separator = t("list-separator")
    match value:
        case bool():
            return t("console-yes" if value else "console-no")
        case list() | tuple():
            return separator.join(_audit_value(t, item) for item in value)
        case dict():
            return separator.join(
                f"{key} ({_audit_value(t, item)})" if item else str(key)
                for key, item in value.items()
            )
        case None:
            return ""
        case _:
            return str(value)


def _progress_text(visit: Visit, delivery: Delivery) -> str:
    counts = delivery.counts
    return visit.t(
        "console-broadcast-progress",
        sent=counts.get(OutboxStatus.SENT, 0),
        failed=counts.get(OutboxStatus.FAILED, 0),
        blocked=counts.get(OutboxStatus.BLOCKED, 0),
        waiting=counts.get(OutboxStatus.WAITING_QUOTA, 0),
        total=delivery.broadcast.recipients,
    )


def _moment(value: datetime, lang: str, tz: ZoneInfo) -> str:
    """A day and a time in the venue's zone, as the organiser's language writes them."""
    local = value.astimezone(tz)
    day = format_skeleton("MMMd", local, locale=lang, fuzzy=True)
    return f"{day} {local:%H:%M}"


def _digest(value: object) -> str:
    """A short digest of what a form was opened on, to tell when it changed meanwhile."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _composer_key(composer: dict[str, Any]) -> str:
    """What a preview showed, as a short digest: sending checks that the form still says it."""
    shown = json.dumps(
        [composer["texts"], composer["audience"], composer["send_at"]], ensure_ascii=False
    )
    return hashlib.sha256(shown.encode()).hexdigest()[:32]


def _send_at(text: str, visit: Visit) -> datetime | None:
    """A date and time typed in the venue's zone (datetime-local: 2024-11-20T08:00)."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=visit.app.deps.tz)
    return moment


def _lines(value: object) -> list[str]:
    return [line.strip()[:300] for line in str(value or "").splitlines() if line.strip()][:200]


def _faq_data(form: FormData, current: dict[str, Any]) -> dict[str, Any]:
    """An entry as the FAQ stores it, from the console's form; what the form does not show
    (keywords) is kept from the stored entry."""
    data: dict[str, Any] = {
        "id": _slug(str(form.get("id", ""))),
        "topic": _slug(str(form.get("topic", ""))) or str(current.get("topic") or "practical"),
        "related": [_slug(r) for r in str(form.get("related", "")).split(",") if r.strip()],
        "title": {lang: str(form.get(f"title_{lang}", "")).strip()[:200] for lang in LANGUAGES},
        "answer": {lang: str(form.get(f"answer_{lang}", "")).strip()[:4000] for lang in LANGUAGES},
        "questions": {lang: _lines(form.get(f"questions_{lang}")) for lang in LANGUAGES},
    }
    if current.get("keywords"):
        data["keywords"] = current["keywords"]
    return data


def _faq_form(data: dict[str, Any]) -> dict[str, str]:
    """The form's fields for an entry (phrasings one per line)."""
    fields = {
        "id": str(data.get("id", "")),
        "topic": str(data.get("topic", "")),
        "related": ", ".join(data.get("related") or []),
    }
    for lang in LANGUAGES:
        fields[f"title_{lang}"] = str((data.get("title") or {}).get(lang, ""))
        fields[f"answer_{lang}"] = str((data.get("answer") or {}).get(lang, ""))
        fields[f"questions_{lang}"] = "\n".join((data.get("questions") or {}).get(lang, []))
    return fields


def _topic_name(visit: Visit, code: str) -> str:
    """An FAQ topic as the chat's /faq menu names it in the organiser's language; a topic the
    menu does not know, by its code."""
    return visit.t(f"faq-topic-{code}") if code in TOPICS else code


def _topic_choices(visit: Visit, current: str) -> list[tuple[str, str]]:
    """The topics an entry can be filed under, in the menu's order, with their names; an
    entry's own topic that the menu does not know stays a choice, so that saving keeps it."""
    codes = [*TOPICS, current] if current and current not in TOPICS else list(TOPICS)
    return [(code, _topic_name(visit, code)) for code in codes]


def _problem_text(visit: Visit, problem: EntryProblem) -> str:
    language = visit.t(f"console-in-language-{problem.language}") if problem.language else ""
    return visit.t(
        f"faq-problem-{problem.kind.value}",
        where=problem.entry_id or problem.where,
        language=language,
        related=problem.related,
        detail=problem.detail,
    )


def programme_problem_text(t: Callable[..., str], problem: Problem) -> str:
    """A programme file's problem in the organiser's language: its place (line, a sheet's
    row, or the JSON / XML path, which has no language), its column, then what is wrong;
    what is wrong alone when it is the whole file."""
    listed = t("list-separator").join(problem.choices)
    message = t(
        f"programme-problem-{problem.kind.value}",
        value=problem.value,
        expected=listed or problem.expected,
        first=_programme_place(t, problem.first, problem.sheet, ""),
        limit=problem.limit,
        count=problem.count,
        encoding=problem.encoding,
        sheet=problem.sheet,
        looks_like=problem.looks_like,
        detail=problem.detail,
    )
    return _placed(t, message, problem.line, problem.sheet, problem.where, problem.column)


def _reading_text(visit: Visit, reading: FileReading | None) -> str:
    """How the file was read (format, encoding, separator, sheet), in the organiser's
    language, so that a wrong guess shows before the changes are applied."""
    if reading is None:
        return ""
    return visit.t(
        f"programme-reading-{reading.format.name.lower().replace('_', '-')}",
        encoding=(
            visit.t(f"programme-encoding-{reading.encoding.name.lower().replace('_', '-')}")
            if reading.encoding
            else ""
        ),
        separator=(
            visit.t(f"programme-separator-{reading.separator.name.lower()}")
            if reading.separator
            else ""
        ),
        sheet=reading.sheet,
    )


def programme_warning_text(t: Callable[..., str], warning: ProgrammeWarning) -> str:
    """What an import read but the organiser should check, in their language: after its
    place (a line, a spreadsheet's row, a JSON or XML path) when it has one, its lists joined
    with the language's list-separator (「、」 in Japanese). A schema deviation's own detail
    stays as the validator wrote it."""
    separator = t("list-separator")
    message = t(
        f"programme-warning-{warning.kind.value}",
        session=warning.session,
        language=warning.language,
        value=warning.value,
        code=warning.code,
        first=warning.first,
        count=warning.count,
        encoding=warning.encoding,
        languages=separator.join(warning.languages),
        sessions=warning.listed(separator),
        detail=warning.detail,
    )
    return _placed(t, message, warning.line, warning.sheet, warning.where)


def _placed(
    t: Callable[..., str], message: str, line: int, sheet: str, where: str, column: str = ""
) -> str:
    """A problem's or a warning's message after its place and column, or alone, capitalised,
    when it concerns the whole file."""
    if not (line or where or column):
        return message[:1].upper() + message[1:]  # the whole file: no place to name
    place = _programme_place(t, str(line or ""), sheet, where)
    if column:
        place = t("programme-problem-column", place=place, column=column)
    return t("programme-problem-at", place=place, message=message)


def _programme_place(t: Callable[..., str], line: str, sheet: str, path: str) -> str:
    """ "ligne 5", "シート「予定」の5行目", a JSON or XML path as written, or the whole file."""
    if line.isdigit() and sheet:
        return t("programme-problem-row", line=line, sheet=sheet)
    if path or (line and not line.isdigit()):
        return path or line
    if line:
        return t("programme-problem-line", line=line)
    return t("programme-problem-file")


def _title(row: SessionRow, lang: str) -> str:
    return str(getattr(row, f"title_{lang}", "") or row.title_fr or row.title_ja)


def _fields(row: SessionRow, tz: Any) -> dict[str, str]:
    start, end = row.starts_at.astimezone(tz), row.ends_at.astimezone(tz)
    return {
        "date": start.date().isoformat(),
        "start": f"{start:%H:%M}",
        "end": f"{end:%H:%M}",
        "title_fr": row.title_fr,
        "title_ja": row.title_ja,
        "title_en": row.title_en,
        "room_fr": row.room_fr,
        "room_ja": row.room_ja,
        "room_en": row.room_en,
        "status": row.status.value if isinstance(row.status, SessionStatus) else str(row.status),
    }


def field_message(field: str) -> tuple[str, str]:
    """The catalogue id naming a session's field, and its language ("" for none):
    ("console-field-room", "ja") for room_ja, ("console-field-start", "") for starts_at."""
    name, _, lang = field.rpartition("_")
    if lang in LANGUAGES and name in ("title", "room", "description"):
        return f"console-field-{name}", lang
    known = {"starts_at": "start", "ends_at": "end"}
    return f"console-field-{known.get(field, field)}", ""


def _field_label(visit: Visit, field: str) -> str:
    """A session's field as the edit form names it: « Début », « Salle (japonais) »."""
    message, lang = field_message(field)
    label = visit.t(message)
    if not lang:
        return label
    return label + visit.t("console-language-paren", language=visit.t(f"console-language-{lang}"))


def _values(visit: Visit, field: str, old: object, new: object) -> tuple[str, str]:
    if field == "status":
        return (
            visit.t(f"console-status-{_shown(old, visit.app.deps.tz)}"),
            visit.t(f"console-status-{_shown(new, visit.app.deps.tz)}"),
        )
    if isinstance(old, datetime) or isinstance(new, datetime):
        tz = visit.app.deps.tz
        return (
            _moment(old, visit.lang, tz) if isinstance(old, datetime) else "",
            _moment(new, visit.lang, tz) if isinstance(new, datetime) else "",
        )
    return _shown(old, visit.app.deps.tz), _shown(new, visit.app.deps.tz)


def _shown(value: object, tz: Any) -> str:
    if isinstance(value, datetime):
        return f"{value.astimezone(tz):%Y-%m-%d %H:%M}"
    return str(getattr(value, "value", value))


def _ids(value: object) -> list[int]:
    return [int(x) for x in str(value or "").split(",") if x.strip().isdigit()][:5000]


def _slug(text: str) -> str:
    kept = "".join(c if c.isascii() and (c.isalnum() or c == "-") else "-" for c in text.lower())
    return "-".join(part for part in kept.split("-") if part)[:64]
