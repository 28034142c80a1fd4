"""The text encoding of a programme file: UTF-8 (with or without a byte-order mark), UTF-16
with its mark (Excel's "Unicode text"), or cp932, the Shift-JIS that Japanese Excel writes
when it saves "CSV (comma delimited)".

UTF-8 is tried first: a file that is not UTF-8 text almost never decodes as UTF-8 by
accident. Anything else is read as cp932, and a problem says that cp932 was assumed. A
French Excel's Windows-1252 file often decodes as cp932 without an error, into kanji glued
to Latin letters ("R馗eption" for "Réception"): such text is refused rather than imported.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from enum import StrEnum

from handlers.schedule.files import Problem, ProblemKind, ProgrammeFileError


class TextEncoding(StrEnum):
    UTF8 = "UTF-8"
    UTF8_BOM = "UTF-8 with BOM"
    UTF16 = "UTF-16"
    CP932 = "cp932 (Shift-JIS)"


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: TextEncoding


# Windows-1252 read as cp932: an accented lowercase letter (0xE0–0xFC) is a lead byte that
# swallows the next letter into a kanji, or into the user-defined area (0xF0–0xF9 → U+E000…);
# an accented capital (0xC0–0xDF) becomes a half-width katakana. Real Japanese text does
# not put a kanji or a half-width katakana right before two lowercase Latin letters.
_GARBLED = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\uff61-\uff9f][a-z]{2}|[\ue000-\uf8ff]")
_SAVE_AS = "save the file as CSV UTF-8"


def decode(data: bytes) -> DecodedText:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return DecodedText(_strict(data, "utf-16", TextEncoding.UTF16), TextEncoding.UTF16)
    if data.startswith(codecs.BOM_UTF8):
        return DecodedText(_strict(data, "utf-8-sig", TextEncoding.UTF8_BOM), TextEncoding.UTF8_BOM)
    try:
        return DecodedText(data.decode("utf-8"), TextEncoding.UTF8)
    except UnicodeDecodeError:
        pass
    text = _strict(data, "cp932", TextEncoding.CP932)
    garbled = _GARBLED.search(text)
    if garbled:
        line = text.count("\n", 0, garbled.start()) + 1
        head = re.search(r"[^,;\t\r\n]*$", text[: garbled.start()])
        tail = re.split(r"[,;\t\r\n]", text[garbled.start() :], maxsplit=1)[0]
        sample = (head.group() if head else "") + tail
        raise ProgrammeFileError(
            [
                Problem(
                    line,
                    "",
                    f"the file is not UTF-8, and read as {TextEncoding.CP932} it gives "
                    f"{sample.strip()[:40]!r}: is it a Windows-1252 file (French Excel)? "
                    f"{_SAVE_AS}",
                    kind=ProblemKind.GARBLED_CP932,
                    encoding=TextEncoding.CP932.value,
                    value=sample.strip()[:40],
                )
            ]
        )
    return DecodedText(text, TextEncoding.CP932)


def _strict(data: bytes, codec: str, encoding: TextEncoding) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode(codec, errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        reason = (
            f"not UTF-8 text; read as {encoding} (assumed for a file that is not UTF-8), "
            f"column {column} is unreadable"
            if encoding is TextEncoding.CP932
            else f"not {encoding} text at column {column}"
        )
        unreadable = Problem(
            line,
            "",
            f"{reason}; {_SAVE_AS}",
            kind=ProblemKind.NOT_TEXT_IN_ENCODING,
            encoding=encoding.value,
            count=column,
        )
        raise ProgrammeFileError([unreadable]) from None
