"""Parse ``parse_mode`` text the way the Telegram Bot API does (TDLib rules).

The fake Bot API server uses this to turn ``text``/``caption`` sent with
``parse_mode`` HTML, MarkdownV2 or Markdown into plain text plus a list of
MessageEntity dicts (offsets and lengths in UTF-16 code units), and to reject
malformed markup with the same ``can't parse entities: ...`` descriptions the
real server returns. It covers the documented entity set; exotic corner cases
of TDLib's parser (e.g. nested blockquote rules, ``tg://user`` mentions turned
into ``text_mention``) are simplified.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

JSONDict = dict[str, Any]

__all__ = [
    "EntityParseError",
    "parse_formatted_text",
    "strip_formatted_text",
    "utf16_len",
]


class EntityParseError(ValueError):
    """Markup could not be parsed; ``str(exc)`` is the text after ``can't parse entities: ``."""


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, the unit of entity offsets."""
    return len(text.encode("utf-16-le")) // 2


@dataclass
class _Open:
    tag: str
    entity_type: str
    start16: int
    byte_offset: int
    extra: JSONDict = field(default_factory=dict)


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def _finish(entities: list[JSONDict]) -> list[JSONDict]:
    kept = [e for e in entities if e["length"] > 0]
    kept.sort(key=lambda e: (e["offset"], -e["length"]))
    return kept


# --------------------------------------------------------------------------- HTML

_HTML_TAGS: dict[str, str] = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_NAMED_HTML_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);")
_NAME_RE = re.compile(r"[a-zA-Z0-9-]*")
_ATTR_NAME_RE = re.compile(r"[a-zA-Z0-9_-]+")


def _parse_html(text: str) -> tuple[str, list[JSONDict]]:
    out: list[str] = []
    pos16 = 0
    stack: list[_Open] = []
    entities: list[JSONDict] = []
    i = 0
    n = len(text)

    def emit(s: str) -> None:
        nonlocal pos16
        out.append(s)
        pos16 += utf16_len(s)

    while i < n:
        c = text[i]
        if c == "&":
            m = _ENTITY_RE.match(text, i)
            if m is not None:
                body = m.group(1)
                if body.startswith(("#x", "#X")):
                    emit(chr(int(body[2:], 16)))
                    i = m.end()
                    continue
                if body.startswith("#"):
                    emit(chr(int(body[1:])))
                    i = m.end()
                    continue
                if body in _NAMED_HTML_ENTITIES:
                    emit(_NAMED_HTML_ENTITIES[body])
                    i = m.end()
                    continue
            emit("&")
            i += 1
            continue
        if c != "<":
            emit(c)
            i += 1
            continue

        tag_start = i
        offset = _byte_offset(text, tag_start)
        if i + 1 < n and text[i + 1] == "/":
            m_name = _NAME_RE.match(text, i + 2)
            assert m_name is not None
            name = m_name.group(0).lower()
            j = m_name.end()
            while j < n and text[j] in " \t\r\n":
                j += 1
            if j >= n or text[j] != ">":
                raise EntityParseError(f"Unclosed end tag at byte offset {offset}")
            if not stack:
                raise EntityParseError(f"Unexpected end tag at byte offset {offset}")
            top = stack.pop()
            if name != top.tag:
                raise EntityParseError(
                    f'Unmatched end tag at byte offset {offset}, expected "</{top.tag}>", '
                    f'found "</{name}>"'
                )
            entity: JSONDict = {
                "type": top.entity_type,
                "offset": top.start16,
                "length": pos16 - top.start16,
            }
            entity.update(top.extra)
            if top.entity_type == "text_link" and not entity.get("url"):
                entity = {}  # <a> without href is dropped, text kept
            if top.entity_type == "code" and stack and stack[-1].entity_type == "pre":
                language = top.extra.get("language")
                if language:
                    stack[-1].extra["language"] = language
                entity = {}
            elif top.entity_type == "code":
                entity.pop("language", None)
            if entity:
                entities.append(entity)
            i = j + 1
            continue

        m_name = _NAME_RE.match(text, i + 1)
        assert m_name is not None
        raw_name = m_name.group(0)
        name = raw_name.lower()
        if name not in _HTML_TAGS:
            raise EntityParseError(f'Unsupported start tag "{raw_name}" at byte offset {offset}')
        j = m_name.end()
        attrs: dict[str, str] = {}
        while True:
            while j < n and text[j] in " \t\r\n":
                j += 1
            if j >= n:
                raise EntityParseError(f"Unclosed start tag at byte offset {offset}")
            if text[j] == ">":
                j += 1
                break
            if text[j] == "/" and j + 1 < n and text[j + 1] == ">":
                j += 2
                break
            m_attr = _ATTR_NAME_RE.match(text, j)
            if m_attr is None:
                raise EntityParseError(
                    f'Empty attribute name in the tag "{name}" at byte offset {offset}'
                )
            attr_name = m_attr.group(0).lower()
            j = m_attr.end()
            while j < n and text[j] in " \t\r\n":
                j += 1
            if j < n and text[j] == "=":
                j += 1
                while j < n and text[j] in " \t\r\n":
                    j += 1
                if j >= n:
                    raise EntityParseError(f"Unclosed start tag at byte offset {offset}")
                if text[j] in "\"'":
                    quote = text[j]
                    end = text.find(quote, j + 1)
                    if end < 0:
                        raise EntityParseError(
                            f'Unclosed start tag "{name}" at byte offset {offset}'
                        )
                    raw_value = text[j + 1 : end]
                    j = end + 1
                else:
                    m_val = re.compile(r"[^\s>]*").match(text, j)
                    assert m_val is not None
                    raw_value = m_val.group(0)
                    j = m_val.end()
                value, _ = _parse_html_value(raw_value)
                attrs[attr_name] = value
            else:
                attrs[attr_name] = ""
        entity_type = _HTML_TAGS[name]
        extra: JSONDict = {}
        if name == "span":
            if attrs.get("class") != "tg-spoiler":
                raise EntityParseError(
                    f'Tag "span" must have class "tg-spoiler" at byte offset {offset}'
                )
        elif name == "a":
            extra["url"] = attrs.get("href", "")
        elif name == "code":
            cls = attrs.get("class", "")
            if cls.startswith("language-"):
                extra["language"] = cls[len("language-") :]
        elif name == "blockquote" and "expandable" in attrs:
            entity_type = "expandable_blockquote"
        elif name == "tg-emoji":
            emoji_id = attrs.get("emoji-id", "")
            if not emoji_id.isdigit():
                raise EntityParseError("Invalid custom emoji identifier specified")
            extra["custom_emoji_id"] = emoji_id
        stack.append(_Open(name, entity_type, pos16, offset, extra))
        i = j

    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].tag}"')
    return "".join(out), _finish(entities)


def _parse_html_value(raw: str) -> tuple[str, None]:
    def repl(m: re.Match[str]) -> str:
        body = m.group(1)
        if body.startswith(("#x", "#X")):
            return chr(int(body[2:], 16))
        if body.startswith("#"):
            return chr(int(body[1:]))
        return _NAMED_HTML_ENTITIES.get(body, m.group(0))

    return _ENTITY_RE.sub(repl, raw), None


# ---------------------------------------------------------------- MarkdownV2

_MDV2_RESERVED = set("_*[]()~`>#+-=|{}.!")


def _parse_markdown_v2(text: str) -> tuple[str, list[JSONDict]]:
    out: list[str] = []
    pos16 = 0
    stack: list[_Open] = []
    entities: list[JSONDict] = []
    i = 0
    n = len(text)

    def emit(s: str) -> None:
        nonlocal pos16
        out.append(s)
        pos16 += utf16_len(s)

    def close(top: _Open) -> None:
        entity: JSONDict = {
            "type": top.entity_type,
            "offset": top.start16,
            "length": pos16 - top.start16,
        }
        entity.update(top.extra)
        entities.append(entity)

    at_line_start = True
    quote: _Open | None = None
    while i < n:
        c = text[i]
        top = stack[-1] if stack else None
        if c == "\\" and i + 1 < n and 0 < ord(text[i + 1]) <= 126:
            emit(text[i + 1])
            i += 2
            at_line_start = False
            continue
        if top is not None and top.entity_type in ("code", "pre"):
            if top.entity_type == "pre" and text.startswith("```", i):
                stack.pop()
                close(top)
                i += 3
                continue
            if top.entity_type == "code" and c == "`":
                stack.pop()
                close(top)
                i += 1
                continue
            emit(c)
            i += 1
            continue
        if c == "\n":
            emit(c)
            i += 1
            if quote is not None and not (i < n and text[i] == ">"):
                entities.append(
                    {"type": "blockquote", "offset": quote.start16, "length": pos16 - quote.start16}
                )
                quote = None
            at_line_start = True
            continue
        if c not in _MDV2_RESERVED:
            emit(c)
            i += 1
            at_line_start = False
            continue

        offset = _byte_offset(text, i)
        if c == ">" and at_line_start:
            if quote is None:
                quote = _Open(">", "blockquote", pos16, offset)
            i += 1
            at_line_start = False
            continue
        at_line_start = False
        if c == "`" and text.startswith("```", i):
            i += 3
            nl = text.find("\n", i)
            close_at = text.find("```", i)
            language = ""
            if 0 <= nl < (close_at if close_at >= 0 else n + 1):
                candidate = text[i:nl]
                if candidate and not any(ch.isspace() for ch in candidate):
                    language = candidate
                    i = nl + 1
            extra: JSONDict = {"language": language} if language else {}
            stack.append(_Open("```", "pre", pos16, offset, extra))
            continue
        if c == "`":
            stack.append(_Open("`", "code", pos16, offset))
            i += 1
            continue
        marker: str | None = None
        entity_type = ""
        if c == "*":
            marker, entity_type = "*", "bold"
        elif c == "_" and text.startswith("__", i):
            marker, entity_type = "__", "underline"
        elif c == "_":
            marker, entity_type = "_", "italic"
        elif c == "~":
            marker, entity_type = "~", "strikethrough"
        elif c == "|" and text.startswith("||", i):
            marker, entity_type = "||", "spoiler"
        elif c == "[":
            marker, entity_type = "[", "text_link"
        elif c == "]" and top is not None and top.entity_type == "text_link":
            if i + 1 >= n or text[i + 1] != "(":
                raise EntityParseError(
                    f"Character '{c}' is reserved and must be escaped with the preceding '\\'"
                )
            end = i + 2
            url_chars: list[str] = []
            while end < n and text[end] != ")":
                if text[end] == "\\" and end + 1 < n:
                    url_chars.append(text[end + 1])
                    end += 2
                    continue
                url_chars.append(text[end])
                end += 1
            if end >= n:
                raise EntityParseError(
                    f"Can't find end of a url at byte offset {_byte_offset(text, i + 1)}"
                )
            stack.pop()
            top.extra["url"] = "".join(url_chars)
            close(top)
            i = end + 1
            continue
        if marker is None:
            raise EntityParseError(
                f"Character '{c}' is reserved and must be escaped with the preceding '\\'"
            )
        if top is not None and top.tag == marker and marker != "[":
            stack.pop()
            close(top)
        else:
            stack.append(_Open(marker, entity_type, pos16, offset))
        i += len(marker)

    if quote is not None:
        entities.append(
            {"type": "blockquote", "offset": quote.start16, "length": pos16 - quote.start16}
        )
    if stack:
        top = stack[-1]
        if top.entity_type == "pre":
            raise EntityParseError(f"Can't find end of Pre entity at byte offset {top.byte_offset}")
        if top.entity_type == "code":
            raise EntityParseError(
                f"Can't find end of Code entity at byte offset {top.byte_offset}"
            )
        raise EntityParseError(
            f"Can't find end of the entity starting at byte offset {top.byte_offset}"
        )
    return "".join(out), _finish(entities)


# ------------------------------------------------------------ Markdown (legacy)


def _parse_markdown(text: str) -> tuple[str, list[JSONDict]]:
    out: list[str] = []
    pos16 = 0
    entities: list[JSONDict] = []
    i = 0
    n = len(text)

    def emit(s: str) -> None:
        nonlocal pos16
        out.append(s)
        pos16 += utf16_len(s)

    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n and text[i + 1] in "_*`[":
            emit(text[i + 1])
            i += 2
            continue
        if c not in "_*`[":
            emit(c)
            i += 1
            continue
        offset = _byte_offset(text, i)
        if c == "`" and text.startswith("```", i):
            end = text.find("```", i + 3)
            if end < 0:
                raise EntityParseError(
                    f"Can't find end of the entity starting at byte offset {offset}"
                )
            inner = text[i + 3 : end]
            language = ""
            nl = inner.find("\n")
            if nl > 0 and not any(ch.isspace() for ch in inner[:nl]):
                language, inner = inner[:nl], inner[nl + 1 :]
            start = pos16
            emit(inner)
            pre: JSONDict = {"type": "pre", "offset": start, "length": pos16 - start}
            if language:
                pre["language"] = language
            entities.append(pre)
            i = end + 3
            continue
        if c == "[":
            close_bracket = text.find("]", i + 1)
            if close_bracket < 0:
                raise EntityParseError(
                    f"Can't find end of the entity starting at byte offset {offset}"
                )
            label = text[i + 1 : close_bracket]
            if close_bracket + 1 < n and text[close_bracket + 1] == "(":
                close_paren = text.find(")", close_bracket + 2)
                if close_paren < 0:
                    raise EntityParseError(
                        f"Can't find end of the entity starting at byte offset {offset}"
                    )
                url = text[close_bracket + 2 : close_paren]
                start = pos16
                emit(label)
                entities.append(
                    {"type": "text_link", "offset": start, "length": pos16 - start, "url": url}
                )
                i = close_paren + 1
            else:
                emit(text[i : close_bracket + 1])
                i = close_bracket + 1
            continue
        end = text.find(c, i + 1)
        if end < 0:
            raise EntityParseError(f"Can't find end of the entity starting at byte offset {offset}")
        inner = text[i + 1 : end]
        start = pos16
        emit(inner)
        entity_type = {"*": "bold", "_": "italic", "`": "code"}[c]
        entities.append({"type": entity_type, "offset": start, "length": pos16 - start})
        i = end + 1
    return "".join(out), _finish(entities)


# --------------------------------------------------------------------- public


def parse_formatted_text(text: str, parse_mode: str | None) -> tuple[str, list[JSONDict]]:
    """Return ``(plain_text, entities)``; raises :class:`EntityParseError` or
    ``ValueError("unsupported parse_mode")``."""
    if parse_mode is None or parse_mode == "":
        return text, []
    mode = parse_mode.lower()
    if mode == "html":
        return _parse_html(text)
    if mode == "markdownv2":
        return _parse_markdown_v2(text)
    if mode == "markdown":
        return _parse_markdown(text)
    raise ValueError("unsupported parse_mode")


def strip_formatted_text(text: str, entities: list[JSONDict]) -> tuple[str, list[JSONDict]]:
    """Strip leading/trailing whitespace like Telegram does, shifting entity offsets."""
    stripped_left = text.lstrip()
    removed16 = utf16_len(text) - utf16_len(stripped_left)
    result = stripped_left.rstrip()
    total16 = utf16_len(result)
    fixed: list[JSONDict] = []
    for entity in entities:
        start = max(entity["offset"] - removed16, 0)
        end = min(entity["offset"] + entity["length"] - removed16, total16)
        if end > start:
            moved = dict(entity)
            moved["offset"] = start
            moved["length"] = end - start
            fixed.append(moved)
    return result, fixed
