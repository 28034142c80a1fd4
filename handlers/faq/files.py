"""Reading and writing the FAQ knowledge base files (content/faq/*.yaml, schema in its README)."""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from handlers.core.yaml_files import YamlFileError, read_yaml_file
from handlers.faq.matcher import LANGS, FaqEntry, Thresholds, entries_from_data

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
MIN_QUESTIONS = 4
MAX_TITLE = 20  # LINE quick-reply and postback labels: at most 20 characters


class FaqFileError(ValueError):
    pass


def _load(path: Path) -> list[dict[str, Any]]:
    try:
        data = read_yaml_file(path)
    except YamlFileError as exc:
        raise FaqFileError(str(exc)) from exc
    entries = data.get("entries") if isinstance(data, dict) else data
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise FaqFileError(f"{path}: expected `entries:` with a list of entries")
    return entries


def read_faq(path: Path) -> list[FaqEntry]:
    """One file, or every *.yaml of a folder in name order; checked as a whole."""
    files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    raw: list[dict[str, Any]] = []
    for file in files:
        raw += _load(file)
    if not raw:
        # An import replaces the whole base: an empty file would erase every answer.
        raise FaqFileError(f"{path}: no entry (an empty FAQ is never imported)")
    entries, problems = check_entries(raw)
    if problems:
        raise FaqFileError("\n".join(str(p) for p in problems))
    return entries


class EntryProblemKind(enum.StrEnum):
    BAD_ID = "bad-id"
    DUPLICATE_ID = "duplicate-id"
    NO_ANSWER = "no-answer"
    ANSWER_NOT_TEXT = "answer-not-text"
    FEW_QUESTIONS = "few-questions"
    TITLE_LENGTH = "title-length"
    RELATED_MISSING = "related-missing"
    INVALID = "invalid"
    UNKNOWN = "unknown"  # no entry has this id
    LAST_ENTRY = "last-entry"  # deleting it would empty the FAQ


_PROBLEM_TEXTS = {
    EntryProblemKind.BAD_ID: "id must be lowercase letters, digits and '-'",
    EntryProblemKind.DUPLICATE_ID: "duplicate id",
    EntryProblemKind.NO_ANSWER: "no answer in {language}",
    EntryProblemKind.ANSWER_NOT_TEXT: "the answer in {language} must be text",
    EntryProblemKind.FEW_QUESTIONS: f"fewer than {MIN_QUESTIONS} questions in {{language}}",
    EntryProblemKind.TITLE_LENGTH: f"title in {{language}} must be 1 to {MAX_TITLE} characters",
    EntryProblemKind.RELATED_MISSING: "related id {related!r} does not exist",
    EntryProblemKind.INVALID: "{detail}",
    EntryProblemKind.UNKNOWN: "no such entry",
    EntryProblemKind.LAST_ENTRY: "the FAQ cannot be left empty",
}


@dataclass(frozen=True)
class EntryProblem:
    """What is wrong with one entry: English for the command line (`str`), a kind and its
    values for the console, which says it in the organiser's language."""

    where: str  # "entry 3 (venue)"
    kind: EntryProblemKind
    language: str = ""
    related: str = ""
    detail: str = ""
    entry_id: str = ""  # the entry's id alone, for a message in another language

    def __str__(self) -> str:
        text = _PROBLEM_TEXTS[self.kind].format(
            language=self.language, related=self.related, detail=self.detail
        )
        return f"{self.where}: {text}"


def check_entries(raw: Sequence[dict[str, Any]]) -> tuple[list[FaqEntry], list[EntryProblem]]:
    """The entries of a whole base as files, the console and the inbox give them, and what is
    wrong with them: the same rules wherever an entry is written, so an export imports again."""
    problems: list[EntryProblem] = []
    seen: set[str] = set()
    for index, item in enumerate(raw, 1):
        entry_id = str(item.get("id", ""))
        where = f"entry {index} ({entry_id or 'no id'})"
        if not _ID.match(entry_id):
            problems.append(EntryProblem(where, EntryProblemKind.BAD_ID, entry_id=entry_id))
        if entry_id in seen:
            problems.append(EntryProblem(where, EntryProblemKind.DUPLICATE_ID, entry_id=entry_id))
        seen.add(entry_id)
        for lang in LANGS:
            answer = (
                (item.get("answer") or {}).get(lang)
                if isinstance(item.get("answer"), dict)
                else None
            )
            if not answer:
                problems.append(
                    EntryProblem(where, EntryProblemKind.NO_ANSWER, lang, entry_id=entry_id)
                )
            elif not isinstance(answer, str):
                problems.append(
                    EntryProblem(where, EntryProblemKind.ANSWER_NOT_TEXT, lang, entry_id=entry_id)
                )
            questions = item.get("questions") or {}
            if not isinstance(questions, dict) or len(questions.get(lang) or ()) < MIN_QUESTIONS:
                problems.append(
                    EntryProblem(where, EntryProblemKind.FEW_QUESTIONS, lang, entry_id=entry_id)
                )
            title = (
                (item.get("title") or {}).get(lang, "")
                if isinstance(item.get("title"), dict)
                else ""
            )
            if not title or len(str(title)) > MAX_TITLE:
                problems.append(
                    EntryProblem(where, EntryProblemKind.TITLE_LENGTH, lang, entry_id=entry_id)
                )
    try:
        entries = entries_from_data(raw) if not problems else []
    except (KeyError, ValueError) as exc:
        problems.append(EntryProblem("", EntryProblemKind.INVALID, detail=str(exc)))
        entries = []
    for entry in entries:
        for related in entry.related:
            if related not in seen:
                where = entry.id
                problems.append(
                    EntryProblem(
                        where, EntryProblemKind.RELATED_MISSING, related=related, entry_id=where
                    )
                )
    return entries, problems


def entry_to_data(entry: FaqEntry) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": entry.id,
        "topic": entry.topic,
        "related": list(entry.related),
        "title": {lang: entry.title.get(lang) for lang in LANGS},
        "answer": {lang: getattr(entry.answer, lang) for lang in LANGS},
        "questions": {lang: list(entry.questions.get(lang, ())) for lang in LANGS},
    }
    if any(entry.keywords.get(lang) for lang in LANGS):
        data["keywords"] = {lang: list(entry.keywords.get(lang, ())) for lang in LANGS}
    return data


def write_faq(entries: Sequence[FaqEntry]) -> str:
    return yaml.safe_dump(
        {"entries": [entry_to_data(e) for e in entries]},
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )


SCRIPTS = ("latin", "ja")


def read_thresholds(path: Path) -> dict[str, Thresholds]:
    """Per script: `latin` (French, English questions) and `ja` (Japanese questions)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise FaqFileError(f"{path}: {exc}") from exc
    groups = data.get("thresholds") or {}
    known = set(Thresholds.__dataclass_fields__)
    result: dict[str, Thresholds] = {}
    for script in SCRIPTS:
        values = groups.get(script) or {}
        unknown = set(values) - known
        if unknown:
            raise FaqFileError(f"{path}: unknown thresholds {sorted(unknown)} for {script}")
        result[script] = Thresholds(**{k: float(v) for k, v in values.items()})
    return result


def write_thresholds(path: Path, thresholds: dict[str, Thresholds], header: str) -> None:
    data = {"thresholds": {s: dict(vars(thresholds[s])) for s in SCRIPTS}}
    body = yaml.safe_dump(data, sort_keys=False)
    path.write_text(header + body, encoding="utf-8")
