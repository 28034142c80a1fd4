"""One entry point reads every programme file: the format told by the content, the encoding
of a CSV detected, each problem named by its line, row or path, and anything else refused
with the name of what it is."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from handlers.core.yaml_files import MAX_FILE
from handlers.schedule import formats
from handlers.schedule.files import FileFormat, ProgrammeFileError
from handlers.schedule.formats import detect, parse_programme, read_programme

TZ = ZoneInfo("Asia/Tokyo")
HEADER = ["id", "date", "start", "end", "track", "title_fr", "title_ja", "room_ja", "speakers"]
# Japanese Excel's "CSV (comma delimited)" is cp932: no French accents (it writes '?' for them).
ROWS = [
    [
        "opening",
        "2024-11-20",
        "09:30",
        "10:00",
        "ceremony",
        "Ceremonie d'ouverture",
        "開会式",
        "全体会場",
        "",
    ],
    [
        "ws-economy",
        "2024-11-20",
        "13:30",
        "16:00",
        "economy",
        "Atelier 1 - Economie",
        "第1分科会 経済「成熟社会における都市の価値と持続可能な経営」",
        "第１会場",
        "静岡市長;Maire de Tours",
    ],
    [
        "visit-sengen",
        "2024-11-19",
        "14:00",
        "15:30",
        "visit",
        "Visite : sanctuaire, Sengen",
        "視察：静岡浅間神社",
        "静岡浅間神社",
        "",
    ],
]


def excel_csv(separator: str = ",") -> str:
    """As Excel writes it: CRLF, a value holding the separator quoted."""

    def cell(value: str) -> str:
        return f'"{value}"' if separator in value or '"' in value else value

    lines = [separator.join(cell(v) for v in row) for row in [HEADER, *ROWS]]
    return "\r\n".join(lines) + "\r\n"


def titles(data: bytes, name: str = "programme.csv") -> dict[str, str]:
    return {r.id: r.title_ja for r in parse_programme(data, TZ, name=name).rows}


EXPECTED = {row[0]: row[6] for row in ROWS}


def test_a_cp932_csv_as_japanese_excel_writes_it() -> None:
    data = excel_csv().encode("cp932")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    parsed = parse_programme(data, TZ, name="programme.csv")
    assert {r.id: r.title_ja for r in parsed.rows} == EXPECTED
    economy = next(r for r in parsed.rows if r.id == "ws-economy")
    assert economy.room_ja == "第１会場"
    assert economy.speakers == ("静岡市長", "Maire de Tours")
    assert economy.starts_at == datetime(2024, 11, 20, 4, 30, tzinfo=UTC)
    assert str(parsed.reading) == "CSV, cp932 (Shift-JIS), ','"
    assert any("cp932" in str(w) and "accents" in str(w) for w in parsed.warnings)


def test_utf8_with_bom_semicolon_and_tab_separated() -> None:
    assert titles(excel_csv().encode("utf-8-sig")) == EXPECTED
    assert titles(excel_csv(";").encode("utf-8")) == EXPECTED
    tab = parse_programme(excel_csv("\t").encode("utf-8-sig"), TZ, name="programme.txt")
    assert {r.id: r.title_ja for r in tab.rows} == EXPECTED
    assert str(tab.reading) == "CSV, UTF-8 with BOM, tab"
    semicolon = parse_programme(excel_csv(";").encode("cp932"), TZ)
    assert next(r for r in semicolon.rows if r.id == "visit-sengen").title_fr == (
        "Visite : sanctuaire, Sengen"
    )


def test_excel_unicode_text_is_utf16_tab_separated() -> None:
    parsed = parse_programme(excel_csv("\t").encode("utf-16"), TZ, name="programme.txt")
    assert {r.id: r.title_ja for r in parsed.rows} == EXPECTED
    assert str(parsed.reading) == "CSV, UTF-16, tab"


def test_an_unreadable_cp932_row_names_the_encoding_assumed_and_its_line() -> None:
    data = excel_csv().encode("cp932")
    lines = data.split(b"\r\n")
    lines[3] = lines[3].replace("視察".encode("cp932"), b"\x81\x20")  # a lead byte, then a space
    with pytest.raises(ProgrammeFileError) as failure:
        parse_programme(b"\r\n".join(lines), TZ)
    message = str(failure.value)
    assert "line 4" in message and "read as cp932 (Shift-JIS)" in message
    assert "CSV UTF-8" in message


def test_a_windows_1252_csv_is_refused_not_garbled() -> None:
    """French Excel's CSV often decodes as cp932 without error, into kanji: refused."""
    text = "id;date;start;end;track;title_fr;title_ja\r\nr;2024-11-20;18:00;20:00;reception;Réception de bienvenue;歓迎\r\n"
    data = text.replace("歓迎", "x").encode("cp1252")
    data.decode("cp932")  # no error: the trap
    with pytest.raises(ProgrammeFileError) as failure:
        parse_programme(data, TZ)
    assert "line 2" in str(failure.value) and "Windows-1252" in str(failure.value)


def workbook(tmp_path: Path, name: str = "programme.xlsx") -> Path:
    """A workbook as an organiser makes it: typed dates and times, a number as an id, an
    empty row, and a second sheet."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Programme"
    sheet.append([h.upper() if h == "id" else h for h in HEADER])
    sheet.append(
        [
            "opening",
            date(2024, 11, 20),
            time(9, 30),
            time(10, 0),
            "ceremony",
            "Cérémonie d'ouverture",
            "開会式",
            "全体会場",
            None,
        ]
    )
    sheet.append([])
    sheet.append(
        [
            2024,
            datetime(2024, 11, 20),
            datetime(1899, 12, 30, 13, 30),
            "16:00",
            "economy",
            "Atelier 1 – Économie",
            "第1分科会",
            "第1会場",
            "静岡市長;Maire de Tours",
        ]
    )
    drafts = book.create_sheet("Brouillon")
    drafts.append(HEADER)
    drafts.append(
        ["draft", "2024-11-21", "25:00", "10:00", "plenary", "Brouillon", "下書き", "", ""]
    )
    path = tmp_path / name
    book.save(path)
    return path


def test_an_xlsx_workbook_made_by_openpyxl(tmp_path: Path) -> None:
    parsed = read_programme(workbook(tmp_path), TZ)
    by_id = {r.id: r for r in parsed.rows}
    assert set(by_id) == {"opening", "2024"}
    assert by_id["opening"].title_fr == "Cérémonie d'ouverture"
    assert by_id["opening"].starts_at == datetime(2024, 11, 20, 0, 30, tzinfo=UTC)
    assert by_id["2024"].starts_at == datetime(2024, 11, 20, 4, 30, tzinfo=UTC)
    assert by_id["2024"].ends_at == datetime(2024, 11, 20, 7, 0, tzinfo=UTC)
    assert by_id["2024"].speakers == ("静岡市長", "Maire de Tours")
    assert str(parsed.reading) == "XLSX, sheet 'Programme'"


def test_xlsx_other_sheet_names_its_row_and_an_unknown_sheet(tmp_path: Path) -> None:
    path = workbook(tmp_path)
    with pytest.raises(ProgrammeFileError) as failure:
        read_programme(path, TZ, sheet="Brouillon")
    assert (
        str(failure.value) == "sheet 'Brouillon', row 2, column start: '25:00' is not a time HH:MM"
    )
    with pytest.raises(
        ProgrammeFileError, match="no sheet 'Final' \\(sheets: Programme, Brouillon\\)"
    ):
        read_programme(path, TZ, sheet="Final")


def test_the_format_is_told_by_the_content_not_the_name(tmp_path: Path) -> None:
    saved_as_csv = workbook(tmp_path, "programme.csv")
    assert detect(saved_as_csv.read_bytes(), "programme.csv") is FileFormat.XLSX
    assert len(read_programme(saved_as_csv, TZ).rows) == 2
    yaml_text = b"sessions:\n  - id: a\n"
    assert detect(yaml_text, "programme.txt") is FileFormat.YAML
    assert detect(b'{"schedule": {}}', "export") is FileFormat.C3VOC_JSON
    assert detect(b"<?xml version='1.0'?>\n<!-- x -->\n<schedule>", "") is FileFormat.C3VOC_XML
    assert detect(excel_csv().encode(), "programme.yaml.txt") is FileFormat.CSV


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "named"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "Excel 97-2003 workbook (.xls)"),
        (
            _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}),
            "OpenDocument spreadsheet (.ods)",
        ),
        (_zip({"word/document.xml": b"<w/>"}), "Word document (.docx)"),
        (b"%PDF-1.7\n", "a PDF document"),
        (b"<!DOCTYPE html>\n<html><body>Programme</body></html>", "an HTML page"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", "an iCalendar file (.ics)"),
        (b'{"sessions": [], "speakers": []}', "JSON that is not a c3voc schedule"),
        (b"<?xml version='1.0'?><iCalendar/>", "XML whose root is <iCalendar>"),
        (b"\x00\x01\x02\x03binary", "a binary file of unknown format"),
    ],
)
def test_an_unsupported_format_is_named(data: bytes, named: str) -> None:
    with pytest.raises(ProgrammeFileError) as failure:
        parse_programme(data, TZ, name="programme.csv")
    assert named in str(failure.value)
    assert "not a format confbot reads" in str(failure.value)


def test_text_that_is_no_programme_is_not_reported_as_a_missing_column() -> None:
    with pytest.raises(ProgrammeFileError) as failure:
        parse_programme(b"Programme des Rencontres\nMercredi : ateliers\n", TZ)
    assert "names none of the programme's columns" in str(failure.value)
    assert "required column" not in str(failure.value)


def test_a_file_over_the_limit_is_refused_before_it_is_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def parsed(*_args: object, **_kwargs: object) -> FileFormat:
        raise AssertionError("parsed")

    monkeypatch.setattr(formats, "detect", parsed)
    path = tmp_path / "huge.csv"
    with path.open("wb") as out:
        out.truncate(MAX_FILE + 1)  # sparse: nothing is written, nothing needs to be read
    with pytest.raises(ProgrammeFileError, match="larger than 5 MB: refused unread"):
        read_programme(path, TZ)
    with pytest.raises(ProgrammeFileError, match="refused unread"):
        parse_programme(b"x" * (MAX_FILE + 1), TZ)


def test_a_zip_bomb_workbook_is_refused(tmp_path: Path) -> None:
    data = _zip({"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": b" " * 60_000_000})
    assert len(data) < MAX_FILE
    with pytest.raises(ProgrammeFileError, match="unpacks to more than 50 MB"):
        parse_programme(data, TZ)
