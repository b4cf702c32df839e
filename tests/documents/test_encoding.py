"""Text encodings of input files: decoded right, or refused by name with the fix.

The prose below is our own, written for these tests.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pactwatch.documents import ReadOptions, Rejected, read_inputs
from pactwatch.documents.encoding import UnreadableError, decode
from pactwatch.errors import InputError
from pactwatch.model import Document

SHORT = "François met the minister at the Hôtel Matignon à Paris on Tuesday to discuss the pact."
SHORT_1252 = "François called the “guarantee” worth €5bn — a first for the Hôtel Matignon à Paris."
LONG = """\
The defence ministers of France, Germany and Poland met at the Hôtel de Brienne in Paris on
Monday to settle the last details of the pact. François Dufresne, who chairs the working
group, said the text was ready for signature and that the guarantees would hold for ten years.

Under the draft, each signatory promises to train the other's soldiers, to share what its
intelligence services learn about threats to the region, and to send air-defence systems
within thirty days of a request. Jürgen Möller, the German state secretary, called the clause
on air defence the heart of the agreement.

Critics at the Assemblée nationale asked who would pay. The ministers answered that a common
fund, managed from Brussels, would cover the first two years, and that the parliaments would
vote on the rest. Señor Ramírez, an observer from Spain, said Madrid might join before summer.
"""
LONG_1252 = (
    LONG
    + """
The ministers call it the “Brienne pact” — worth €4bn over ten years — and Mr Dufresne’s
staff expect the first exercises in the spring… if the parliaments agree to the œuvre.
"""
)
MIXED_SHORT = "The minister met François at the Hôtel Matignon.\nHe said the “pact” costs €5bn."
"""Line 1 written as UTF-8, line 2 as cp1252 (see :func:`encoded`)."""
WESTERN_SYMBOLS = (
    "¿Qué pasará?, asked Señor Ramírez; the pact costs £2.5 billion (£m 2,500), €4bn and "
    "¥3bn, covers 200 km² at 20°C, runs on Windows® and Google™, and «Brienne» is „groß“ "
    "for Søren Ærø, João of São Paulo and Smith† of the Øresund; Œdipe, cœur and fœtus are "
    "in ESPAÑA for Señor Peña."
)
"""cp1252 text whose symbols touch letters where Western text puts them (the symbols that
Central European letters are read as touch letters anywhere), with ñ, œ and Ÿ where Spanish
and French put them."""
CYRILLIC_SHORT = (
    "Зеленський: «Україна і Канада підписали угоду про безпеку в Парижі», — сказав міністр."
)
CYRILLIC_LONG = (
    "Президент Володимир Зеленський сказав у Києві, що Україна і Канада підписали угоду "
    "про безпеку на десять років, і що парламенти обох країн проголосують за неї навесні "
    "(as he said to the press).\n"
    "Міністр оборони Денис Шмигаль додав, що перші поставки прийдуть до кінця року, а "
    "спільний фонд покриє витрати перших двох років (so it is said).\n"
    "Андрій Сибіга, міністр закордонних справ, назвав угоду історичною і подякував "
    "партнерам за підтримку (and that is all).\n"
)
"""Text mostly in Cyrillic: in UTF-16 fewer than a third of its high bytes are NUL."""
POLISH_LONG = (
    "Poland's foreign minister Radosław Sikorski met Łukasz Śliwiński, the deputy defence "
    "minister, in Łódź on Monday to settle the last details of the pact.\n"
    "The ministers said the agreement would be signed in Kraków and Gdańsk, and that "
    "Władysław Kosiniak-Kamysz would chair the working group from Wrocław.\n"
    "Critics in the Sejm asked who would pay; Paweł Żukowski said the fund would cover the "
    "first two years, and Małgorzata Kidawa-Błońska promised a vote before summer.\n"
    '"Umowa będzie podpisana w przyszłym tygodniu, a Sejm zagłosuje nad nią przed '
    'wakacjami," said Mr Śliwiński. "Żołnierze obu państw zaczną wspólne ćwiczenia '
    'jesienią, a pierwsze dostawy sprzętu dotrą do Łodzi i Białegostoku zimą."\n'
    '"Będziemy gotowi na każdą sytuację, łącznie z obroną powietrzną," added Mr Żukowski.\n'
)
UKRAINIAN_LONG = (
    "President Володимир Зеленський met the Canadian prime minister in Київ on Tuesday, "
    "and the foreign minister Андрій Сибіга said the pact would hold for ten years.\n"
    "The defence minister Денис Шмигаль added that the first deliveries would reach "
    "Україна in the spring, and that Ігор Клименко would chair the working group.\n"
)


def encoded(encoding: str, text: str) -> bytes:
    """``text`` in ``encoding``; "…-bom" adds the byte-order mark, "mixed" writes the lines
    that hold cp1252's own characters (curly quotes, euro sign) in cp1252, the rest in UTF-8."""
    boms = {
        "utf-8-bom": (codecs.BOM_UTF8, "utf-8"),
        "utf-16-le-bom": (codecs.BOM_UTF16_LE, "utf-16-le"),
        "utf-16-be-bom": (codecs.BOM_UTF16_BE, "utf-16-be"),
        "utf-32-le-bom": (codecs.BOM_UTF32_LE, "utf-32-le"),
    }
    encoding = encoding.removesuffix("-cyrillic")
    if encoding in boms:
        bom, codec = boms[encoding]
        return bom + text.encode(codec)
    if encoding == "mixed":
        return b"\n".join(
            line.encode("cp1252" if any(c in line for c in "“”’…€—") else "utf-8")
            for line in text.split("\n")
        )
    return text.encode(encoding)


TABLE = [
    (encoding, name, text)
    for encoding, texts in [
        ("utf-8", [SHORT, LONG_1252]),
        ("utf-8-bom", [SHORT, LONG_1252]),
        ("utf-16-le-bom", [SHORT, LONG_1252]),
        ("utf-16-be-bom", [SHORT, LONG_1252]),
        ("utf-32-le-bom", [SHORT, LONG_1252]),
        ("utf-16-le", [SHORT, LONG_1252]),
        ("utf-16-be", [SHORT, LONG_1252]),
        ("latin-1", [SHORT, LONG]),
        ("cp1252", [SHORT_1252, LONG_1252]),
        ("mixed", [MIXED_SHORT, LONG_1252]),
        ("utf-16-le-cyrillic", [CYRILLIC_SHORT, CYRILLIC_LONG]),
        ("utf-16-be-cyrillic", [CYRILLIC_SHORT, CYRILLIC_LONG]),
        ("utf-32-le", [SHORT, LONG_1252]),
        ("utf-32-be", [CYRILLIC_SHORT, CYRILLIC_LONG]),
    ]
    for name, text in zip(("short", "long"), texts, strict=True)
] + [
    ("cp1252", "symbols", WESTERN_SYMBOLS),
    ("iso-8859-2", "long", POLISH_LONG),
    ("cp1250", "long", POLISH_LONG),
    ("koi8-u", "long", UKRAINIAN_LONG),
]
"""(encoding, length, expected text): each file's text must come back exactly. UTF-16 and
UTF-32 without a byte-order mark are told by where their NUL bytes fall (in mostly Cyrillic
UTF-16 only a few high bytes are NUL); long Central European and KOI8-U texts are decoded
when charset-normalizer and the plausible readings agree."""


def read(path: Path, encoding: str | None = None) -> Document | Rejected:
    [item] = read_inputs([path], ReadOptions(encoding=encoding) if encoding else ReadOptions())
    return item


def write(tmp_path: Path, data: bytes, name: str = "article.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("encoding", "length", "text"), TABLE, ids=[f"{row[0]}-{row[1]}" for row in TABLE]
)
def test_every_encoding_reads_back_exactly(
    tmp_path: Path, encoding: str, length: str, text: str
) -> None:
    document = read(write(tmp_path, encoded(encoding, text)))
    assert isinstance(document, Document), document
    assert document.text == text


@pytest.mark.parametrize(
    ("text", "encoding", "fix"),
    [
        (
            "President Володимир Зеленський met the Canadian prime minister in Kyiv.",
            "cp1251",
            "--encoding cp1251",
        ),
        (
            "Radosław Sikorski met Lech Wałęsa in Gdańsk on Tuesday to discuss the pact.",
            "cp1250",
            "--encoding cp1250",
        ),
        (SHORT, "mac-roman", "--encoding mac-roman"),
        ("The pact costs €5bn a year, said the minister in Paris.", "iso8859-15", "iso8859-15"),
        (
            "President Erdoğan met the ministers in İstanbul to discuss the pact.",
            "cp1254",
            "--encoding cp1254",
        ),
        (
            "Minister Þórdís met the ministers in Reykjavík to discuss the pact.",
            "cp1252",
            "--encoding cp1252",
        ),
        (
            "Canada joined the coalition in Paris, said Łukasz in Łódź.\n",
            "iso-8859-2",
            "it looks Central European: name the encoding with --encoding iso8859-2",
        ),
        ("Łukasz Śliwiński met the minister in Warsaw.", "iso-8859-2", "--encoding iso8859-2"),
        ("Łukasz met the minister in Warsaw on Tuesday.", "cp1250", "--encoding cp1250"),
        ("The minister Paweł Kowalski spoke in Poznań.", "iso-8859-2", "--encoding cp1250"),
        ("Śliwiński met the minister in Warsaw.", "cp1250", "--encoding cp1250"),
        ("The minister spoke in Poznań and Gdańsk on Tuesday.", "cp1250", "--encoding cp1250"),
        ("Żukowski said the pact is źle, the minister said.", "cp1250", "--encoding cp1250"),
        ("Minister Jiří Šedivý visited Košice and Plzeň.", "iso-8859-2", "--encoding iso8859-2"),
        (
            "President Володимир Зеленський met the minister in Київ.",
            "koi8-u",
            "it looks Cyrillic: name the encoding with --encoding koi8-u",
        ),
        ("President Владимир Путин spoke in Москва on Monday.", "koi8-r", "--encoding koi8-r"),
    ],
    ids=[
        "cp1251",
        "cp1250",
        "mac-roman",
        "latin-9",
        "turkish",
        "icelandic",
        "latin-2-initial-capital",
        "latin-2-initial-s-acute",
        "cp1250-initial-capital",
        "latin-2-final-l",
        "cp1250-s-acute-as-oe",
        "cp1250-n-acute-as-n-tilde",
        "cp1250-z-acute-as-y-diaeresis",
        "latin-2-s-caron",
        "koi8-u",
        "koi8-r",
    ],
)
def test_text_that_cannot_be_told_is_refused_with_the_encoding_to_name(
    tmp_path: Path, text: str, encoding: str, fix: str
) -> None:
    rejected = read(write(tmp_path, text.encode(encoding)))
    assert isinstance(rejected, Rejected), rejected
    assert fix in rejected.reason and "\n" not in rejected.reason, rejected.reason


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (
            "The minister met François.\nHe said: ".encode()
            + "“Hôtel”".encode("cp1252")
            + " to Jürgen".encode(),
            "mixes UTF-8 and another encoding within line 2: re-save the file as UTF-8 with "
            "that line mended (no one --encoding reads it: its other lines are UTF-8)",
        ),
        (
            b"He said: " + "“Hôtel”".encode("cp1252") + " to Jürgen".encode(),
            "(line 1 then reads 'JÃ¼rgen'), name it with --encoding cp1252",
        ),
        (
            "The menu at the Café MÃ©xico in Paris, said François.".encode("latin-1"),
            "(line 1 then reads 'MÃ©xico'), name it with --encoding cp1252",
        ),
        (
            "He wrote “Ã©” for é.".encode("cp1252"),
            "(line 1 then reads '“Ã©”'), name it with --encoding cp1252",
        ),
        (codecs.BOM_UTF16_LE + SHORT.encode("utf-16-le") + b"\x00", "byte-order mark"),
        (b"\x00\x01\x02PNG\x00\x00", "binary file"),
        (codecs.BOM_UTF16_LE, "empty file"),
        (
            CYRILLIC_LONG.encode("utf-16-le") + b"!",
            "were it UTF-16 LE text, it would be damaged: --encoding utf-16-le shows where",
        ),
        (
            "中国外交部长王毅在巴黎会见了法国外长。\n".encode("utf-16-le"),
            "if it is such text, name it with --encoding utf-16-le",
        ),
    ],
    ids=[
        "mixed-within-a-line",
        "mixed-within-the-only-line",
        "latin-1-with-a-utf-8-pair",
        "cp1252-with-a-utf-8-pair",
        "bad-utf-16",
        "binary",
        "bom-only",
        "utf-16-without-bom-odd-size",
        "utf-16-without-bom-not-sure",
    ],
)
def test_unreadable_bytes_get_a_one_line_reason(tmp_path: Path, data: bytes, reason: str) -> None:
    rejected = read(write(tmp_path, data))
    assert isinstance(rejected, Rejected), rejected
    assert reason in rejected.reason and "\n" not in rejected.reason, rejected.reason


@pytest.mark.parametrize(
    ("encoding", "data", "text"),
    [
        ("cp1252", "Minister Þórdís met him in Reykjavík.".encode("cp1252"), None),
        ("cp1254", "President Erdoğan met him in İstanbul.".encode("cp1254"), None),
        ("cp1251", "Володимир Зеленський met the minister.".encode("cp1251"), None),
        ("utf-16", codecs.BOM_UTF16_BE + SHORT.encode("utf-16-be"), SHORT),
        ("utf-8", codecs.BOM_UTF8 + SHORT.encode(), SHORT),
        ("latin-1", SHORT.encode("latin-1"), SHORT),
        ("iso-8859-2", "Łukasz Śliwiński met him in Łódź.".encode("iso-8859-2"), None),
        ("koi8-u", "Андрій Сибіга met him in Київ.".encode("koi8-u"), None),
        ("latin-1", "The menu of the Café MÃ©xico.".encode("latin-1"), None),
        ("cp1252", SHORT_1252.encode("cp1252"), SHORT_1252),
    ],
    ids=[
        "cp1252",
        "cp1254",
        "cp1251",
        "utf-16",
        "utf-8",
        "latin-1",
        "latin-2",
        "koi8-u",
        "latin-1-with-a-utf-8-pair",
        "cp1252-read-as-detected",
    ],
)
def test_a_named_encoding_is_used_as_given(
    tmp_path: Path, encoding: str, data: bytes, text: str | None
) -> None:
    document = read(write(tmp_path, data), encoding)
    assert isinstance(document, Document), document
    assert document.text == (text or data.decode(encoding))


@pytest.mark.parametrize(
    ("encoding", "data", "reasons"),
    [
        ("utf-8", SHORT.encode("cp1252"), ["not utf-8 (byte 4 is 0xE7)", "--encoding"]),
        ("latin-1", SHORT_1252.encode("cp1252"), ["U+0093", "--encoding cp1252"]),
        ("utf-16", b"\x00\x00\x00\x00\x00\x00", ["U+0000"]),
        (
            "latin-1",
            SHORT.encode(),
            ["line 1 holds 'FranÃ§ois', which is UTF-8 for 'François'", "leave --encoding out"],
        ),
        ("cp1252", LONG.encode(), ["line 1 holds 'HÃ´tel', which is UTF-8 for 'Hôtel'"]),
        (
            "cp1251",
            CYRILLIC_SHORT.encode(),
            ["holds 'Р—РµР»РµРЅСЃСЊРєРёР№:', which is UTF-8 for 'Зеленський:'"],
        ),
        ("cp1252", encoded("mixed", LONG_1252), ["which is UTF-8 for 'Hôtel'"]),
        ("latin-1", encoded("utf-8-bom", "The pact."), ["starts with 'ï»¿', which is UTF-8's"]),
    ],
    ids=[
        "utf-8-on-cp1252",
        "latin-1-on-cp1252",
        "utf-16-on-nul",
        "latin-1-on-utf-8",
        "cp1252-on-long-utf-8",
        "cp1251-on-utf-8",
        "cp1252-on-mixed",
        "latin-1-on-utf-8-bom",
    ],
)
def test_a_named_encoding_that_does_not_fit_is_refused(
    tmp_path: Path, encoding: str, data: bytes, reasons: list[str]
) -> None:
    rejected = read(write(tmp_path, data), encoding)
    assert isinstance(rejected, Rejected), rejected
    assert all(reason in rejected.reason for reason in reasons), rejected.reason


def test_an_unknown_encoding_name_is_refused_with_names_that_work() -> None:
    with pytest.raises(InputError, match=r"unknown text encoding 'nonsense'.*cp1252"):
        ReadOptions(encoding="nonsense")
    with pytest.raises(InputError, match="unknown text encoding 'rot13'"):
        ReadOptions(encoding="rot13")


def test_jsonl_is_utf8_unless_an_encoding_is_named(tmp_path: Path) -> None:
    record = {"url": "https://example.org/1", "text": SHORT_1252}
    path = write(tmp_path, json.dumps(record, ensure_ascii=False).encode("cp1252"), "a.jsonl")
    rejected = read(path)
    assert isinstance(rejected, Rejected)
    assert "JSON lines must be UTF-8" in rejected.reason and "--encoding" in rejected.reason
    document = read(path, "cp1252")
    assert isinstance(document, Document) and document.text == SHORT_1252


@pytest.mark.parametrize(
    ("data", "encoding", "reason"),
    [
        (b'{"text": "x"}\n'.decode().encode("utf-16"), None, "UTF-16 or UTF-32 file"),
        (b'{"text": "x"}\n', "utf-16", "cannot apply to JSON lines"),
    ],
    ids=["utf-16-file", "utf-16-named"],
)
def test_jsonl_that_cannot_be_split_into_lines_is_refused_whole(
    tmp_path: Path, data: bytes, encoding: str | None, reason: str
) -> None:
    options = ReadOptions(encoding=encoding) if encoding else ReadOptions()
    results = list(read_inputs([write(tmp_path, data, "a.jsonl")], options))
    assert len(results) == 1 and isinstance(results[0], Rejected)
    assert reason in results[0].reason


WESTERN = st.lists(
    st.sampled_from(["the", "pact", "Paris", "Hôtel", "à", "François", "Müller", "naïve", "€5bn"])
    | st.sampled_from(["“guarantee”", "l’État", "señor", "Zoë", "—", "Ångström", "œuvre"])
    | st.sampled_from(["£2.5bn", "(£m)", "¿Qué?", "¡Ya!", "20°C", "km²", "«oui»", "„groß“"])
    | st.sampled_from(["Søren", "São", "Ærø", "Windows®", "Google™", "Smith†", "N°5", "1º"])
    | st.sampled_from(["Œdipe", "cœur", "fœtus", "Peña", "ESPAÑA", "L’HAŸ", "Moÿ", "mañana"]),
    min_size=1,
    max_size=30,
).map(" ".join)


@given(WESTERN, st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_western_text_comes_back_exactly_in_any_encoding(text: str, encoding: str) -> None:
    assert decode(text.encode(encoding)) == text


LATIN1_TEXT = st.text(
    alphabet=st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_categories=["Cc"]),
    min_size=1,
)
"""Any printable Latin-1 text (0x80-0x9F are C1 controls in Latin-1, never text)."""


@given(LATIN1_TEXT)
def test_latin1_bytes_are_never_stored_garbled(text: str) -> None:
    """Either the text comes back, or its bytes are UTF-8 (which comes first), or it is refused."""
    data = text.encode("latin-1")
    try:
        got = decode(data)
    except UnreadableError:
        return
    assert got in {text} | ({data.decode("utf-8")} if _utf8(data) else set())


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


LONG_CYRILLIC = (
    "President Володимир Зеленський met the Canadian prime minister in Kyiv on Tuesday. "
    "The defence minister Денис Шмигаль and the foreign minister Андрій Сибіга joined the "
    "talks on air defence.\n"
) * 3


LONG_GREEK = (
    "Prime minister Κυριάκος Μητσοτάκης met the Canadian prime minister in Athens, and the "
    "defence minister Νίκος Δένδιας joined them for talks on the frigates.\n"
) * 3


@pytest.mark.parametrize(("encoding", "text"), [("cp1251", LONG_CYRILLIC), ("cp1253", LONG_GREEK)])
def test_a_long_non_western_text_is_decoded_when_two_readings_agree(
    tmp_path: Path, encoding: str, text: str
) -> None:
    document = read(write(tmp_path, text.encode(encoding)))
    assert isinstance(document, Document), document
    assert document.text == text
