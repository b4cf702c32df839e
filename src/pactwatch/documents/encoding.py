"""The text of an input file's bytes, decoded right or refused by name: nothing stored garbled.

The rules, in order (docs/extraction.md, "Text encodings"):

1. An encoding named by the user (``--encoding cp1252``) is used as given and strictly; a
   byte it cannot decode, or a NUL or C1 control character it decodes to, refuses the file,
   and so does a single-byte encoding that reads UTF-8 letters as their classic mojibake
   ("FranÃ§ois") in a file the rules below read without it.
2. A byte-order mark names the encoding: UTF-32 or UTF-16 (LE or BE) are decoded strictly;
   after a UTF-8 mark the rules go on as for any UTF-8 text.
3. NUL bytes: UTF-32 or UTF-16 without a mark when they fall where those put them (every
   other byte; for UTF-16 text in one alphabet, such as Cyrillic, the high bytes take one
   or two values) and the text decodes strictly with no control character; else a binary
   file (named as possible UTF-16 when its NULs fall at every other byte).
4. Strict UTF-8.
5. Otherwise each line that is not UTF-8 is read as Windows-1252 (the Web's reading of
   Latin-1: both agree on 0xA0-0xFF, and 0x80-0x9F are cp1252's quotes, dashes, euro sign
   and letters, never text in Latin-1), if what it reads is plausible Western European text
   (:func:`implausible`: no symbol beside a letter, as cp1250's Ł read as £ in "£ukasz", no
   ñ, œ or Ÿ where Spanish and French never write them, as its ń in "Gdañsk") and not
   plausible Turkish as well (cp1254's ğ, ı, ş are cp1252's ð, ý, þ). Lines that are
   UTF-8 stay UTF-8, so a UTF-8 file with a pasted cp1252 line is read right; a line that
   holds UTF-8 letters among other bytes ("MÃ©xico" beside a cp1252 "é") is refused, as it
   may be either.
6. A file that is not Western text is decoded only when it is long (:data:`MIN_GUESS_BYTES`)
   and two readings agree (:func:`_confident_guess`): charset-normalizer's and the
   encodings that read it plausibly; else it is refused, naming those encodings
   (``--encoding iso8859-2``). On a short text (a name or
   two in an English article) charset-normalizer's guess is what used to store garbage.

Every refusal for the encoding names ``--encoding`` (with the likely encodings when some
read the file plausibly), or says why no one encoding reads it.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Iterator

from pactwatch.documents.western import CONTROL, TOKEN, implausible
from pactwatch.errors import InputError, UnreadableError

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE"),
)
"""Byte-order marks that name an encoding other than UTF-8 (UTF-32 LE before UTF-16 LE,
whose mark begins it)."""
CANDIDATES = (
    "cp1250",
    "iso8859-2",
    "cp1251",
    "iso8859-15",
    "cp1253",
    "cp1254",
    "cp1257",
    "mac-roman",
    "cp850",
    "koi8-r",
    "koi8-u",
)
"""Single-byte encodings a refusal may suggest, most common first."""
FAMILIES = {
    "cp1250": "Central European",
    "iso8859-2": "Central European",
    "cp1251": "Cyrillic",
    "koi8-r": "Cyrillic",
    "koi8-u": "Cyrillic",
    "cp1253": "Greek",
    "cp1254": "Turkish",
    "cp1257": "Baltic",
}
"""What a refusal says the text looks like when all the encodings it names are of one kind."""
MIN_GUESS_BYTES = 40
"""Non-ASCII bytes a non-Western text needs before charset-normalizer's guess is heard: on
fewer (a name or two in an English article) its letter statistics decide nothing."""
_MOJIBAKE = re.compile("[\u00a0-\u024f\u0370-\u03ff\u0400-\u04ff\u2010-\u206f\u20ac\u2122]")
"""What a UTF-8 sequence that a single-byte encoding misreads ("é" read as "Ã©") is likely to
mean: a Latin, Greek or Cyrillic letter, a quote, a dash or the euro sign."""
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
"""A well-formed UTF-8 sequence of two to four bytes."""
_WIDE_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
"""Control characters other than tabs and line ends: never in UTF-16 or UTF-32 text."""


__all__ = [
    "UnreadableError",
    "ascii_compatible",
    "check_encoding",
    "decode",
    "decode_json_line",
    "decode_named",
    "implausible",
    "plausible_encodings",
]


class NotWesternError(UnreadableError):
    """Bytes that are neither UTF-8 nor Western European text in cp1252 or Latin-1."""


def check_encoding(name: str) -> str:
    """The codec name Python uses for ``name``; InputError if it names no text encoding."""
    try:
        codec = codecs.lookup(name).name
        b"\x00\x00\x00\x00".decode(codec, "replace")  # LookupError for rot13, hex, zlib
    except (LookupError, UnicodeError):
        raise InputError(
            f"unknown text encoding {name!r}: give a name such as utf-8, cp1252, latin-1, "
            "utf-16 or cp1251"
        ) from None
    return codec


def ascii_compatible(name: str) -> bool:
    """True if the encoding writes ASCII as ASCII (so JSON lines can be split on newlines)."""
    try:
        return bytes(range(128)).decode(check_encoding(name)) == "".join(map(chr, range(128)))
    except UnicodeDecodeError:
        return False


def decode(data: bytes, encoding: str | None = None) -> str:
    """The text of a file: in the named encoding, else detected by the rules above."""
    text = decode_named(data, encoding) if encoding else _detected(data)
    if not text.strip():
        raise UnreadableError("empty file: nothing to read")
    return text


def decode_named(data: bytes, encoding: str) -> str:
    """``data`` in the encoding the user named, strictly; a leading byte-order mark dropped."""
    try:
        text = data.decode(check_encoding(encoding)).removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise UnreadableError(
            f"not {encoding} (byte {error.start} is 0x{data[error.start]:02X}): name the "
            "file's encoding with --encoding, or leave --encoding out to detect it"
        ) from None
    control = CONTROL.search(text)
    if control:
        fix = (
            "it is likely cp1252: use --encoding cp1252"
            if check_encoding(encoding) == "iso8859-1" and control.group() != "\x00"
            else "name the file's encoding with --encoding, or leave --encoding out"
        )
        where = f" on line {_line(text, control.start())}" if "\n" in text.rstrip() else ""
        raise UnreadableError(
            f"read as {encoding} it holds the control character U+{ord(control.group()):04X}"
            f"{where}, never text: {fix}"
        )
    _check_not_utf8_misread(data, text, encoding)
    return text


def _check_not_utf8_misread(data: bytes, text: str, encoding: str) -> None:
    """Refuse a single-byte encoding's reading of a UTF-8 line's letters ("FranÃ§ois") when
    the file reads without --encoding: the user named the wrong encoding for UTF-8 text."""
    if len(text) != len(data):
        return  # not a single-byte encoding: byte and character offsets differ
    misread = _misread_utf8(data)
    if misread is None:
        return
    try:
        detected = _detected(data)
    except UnreadableError:
        return  # no reading without --encoding: the named one stands
    if detected == text:
        return
    start, end, number = misread
    what = (
        f"it starts with {text[start:end]!r}, which is UTF-8's byte-order mark"
        if data.startswith(codecs.BOM_UTF8, start)
        else f"line {number} holds {text[start:end]!r}, which is UTF-8 for "
        f"{data[start:end].decode('utf-8')!r}"
    )
    raise UnreadableError(
        f"read as {encoding}, {what}: leave --encoding out and the file is read right"
    )


def _misread_utf8(data: bytes) -> tuple[int, int, int] | None:
    """Where the first word of a UTF-8 line that holds a Latin, Greek or Cyrillic letter, a
    quote or a dash written in more than one byte starts and ends (or UTF-8's byte-order
    mark), and the line's number."""
    if data.startswith(codecs.BOM_UTF8):
        return 0, len(codecs.BOM_UTF8), 1
    number = 0
    for line_start, line in _lines_at(data):
        number += 1
        if line.isascii() or _utf8_or_none(line) is None:
            continue
        for sequence in _UTF8_SEQUENCE.finditer(line):
            if _MOJIBAKE.match(sequence.group().decode()):
                word = next(t for t in re.finditer(rb"\S+", line) if t.end() > sequence.start())
                return line_start + word.start(), line_start + word.end(), number
    return None


def _lines_at(data: bytes) -> Iterator[tuple[int, bytes]]:
    start = 0
    for line in data.split(b"\n"):
        yield start, line
        start += len(line) + 1


def decode_json_line(line: bytes, encoding: str | None, *, first: bool) -> str:
    """One line of a JSONL file: UTF-8 (JSON's encoding; a byte-order mark allowed on the
    first line), or the encoding the user named."""
    if encoding:
        return decode_named(line, encoding)
    try:
        return line.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError as error:
        raise UnreadableError(
            f"not UTF-8 (byte {error.start}): JSON lines must be UTF-8: re-save the file as "
            "UTF-8, or name its encoding with --encoding (e.g. cp1252)"
        ) from None


def _detected(data: bytes) -> str:
    for bom, codec, label in BOMS:
        if data.startswith(bom):
            return _strict(data, codec, label, len(bom))
    data = data.removeprefix(codecs.BOM_UTF8)
    if b"\x00" in data[:8192]:
        return _wide_without_bom(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _line_by_line(data)


def _strict(data: bytes, codec: str, label: str, start: int) -> str:
    try:
        text = data[start:].decode(codec)
    except UnicodeDecodeError as error:
        raise UnreadableError(
            f"starts with a {label} byte-order mark but is not {label} (byte "
            f"{start + error.start}): re-save the file as UTF-8, or name its encoding "
            "with --encoding"
        ) from None
    if "\x00" in text:
        raise UnreadableError(f"binary file, not {label} text: give a text file")
    return text


def _wide_without_bom(data: bytes) -> str:
    """UTF-32 or UTF-16 text without a byte-order mark, told by where its NUL bytes fall and
    decoded strictly with no control character; else a binary file."""
    sample = data[: 8192 - 8192 % 4]
    shaped = _wide_shapes(sample, len(data))
    for codec, label, sure in shaped:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _WIDE_CONTROL.search(text):
            continue
        if sure:
            return text
        raise UnreadableError(
            f"holds NUL bytes, as {label} text without a byte-order mark does: if it is such "
            f"text, name it with --encoding {codec} (or re-save it as UTF-8); else give a "
            ".txt, .md, .html or .jsonl file"
        )
    if shaped:
        codec, label, _ = shaped[0]
        raise UnreadableError(
            "binary file, not text: give a .txt, .md, .html or .jsonl file (were it "
            f"{label} text, it would be damaged: --encoding {codec} shows where)"
        )
    raise UnreadableError("binary file, not text: give a .txt, .md, .html or .jsonl file")


def _wide_shapes(sample: bytes, size: int) -> list[tuple[str, str, bool]]:
    """The UTF-32 and UTF-16 encodings whose NUL bytes fall as in ``sample`` (the start of a
    file of ``size`` bytes), each with its label and whether the shape is sure (UTF-16 whose
    high bytes are NUL for a third of the characters, or take at most two values for nine in
    ten: text in one alphabet and spaces) rather than only possible (NULs at odd positions;
    an odd size, which no UTF-16 text has, fails to decode)."""
    shapes: list[tuple[str, str, bool]] = []
    for codec, label, high in (("utf-32-le", "UTF-32 LE", 3), ("utf-32-be", "UTF-32 BE", 0)):
        plane = high - 1 if high else 1
        if size % 4 == 0 and not any(sample[high::4]) and max(sample[plane::4]) <= 0x10:
            shapes.append((codec, label, True))
    if shapes:
        return shapes
    pairs = max(1, len(sample) // 2)
    for codec, label, high in (("utf-16-le", "UTF-16 LE", 1), ("utf-16-be", "UTF-16 BE", 0)):
        highs, lows = sample[high::2], sample[1 - high :: 2]
        nul = highs.count(0) / pairs
        if nul == 0 or lows.count(0) / pairs > 0.02:
            continue
        common = sum(count for _, count in Counter(highs).most_common(2)) / pairs
        shapes.append((codec, label, nul >= 0.3 or (nul >= 0.05 and common >= 0.9)))
    return shapes


def _line_by_line(data: bytes) -> str:
    """Lines that are UTF-8 as UTF-8, the others as cp1252 if they read as Western text."""
    lines = data.split(b"\n")
    utf8 = [_utf8_or_none(line) for line in lines]
    mixed = any(text is not None and not text.isascii() for text in utf8)
    foreign = b"\n".join(line for line, text in zip(lines, utf8, strict=True) if text is None)
    try:
        return "\n".join(
            text if text is not None else _western(line, number, foreign, mixed)
            for number, (line, text) in enumerate(zip(lines, utf8, strict=True), start=1)
        )
    except NotWesternError:
        codec = None if mixed else _confident_guess(foreign)
        if codec is None:
            raise
        return data.decode(codec)


def _confident_guess(foreign: bytes) -> str | None:
    """An encoding for a long non-Western text when two independent readings agree:
    charset-normalizer's best guess is one that :func:`plausible_encodings` finds, or all
    the encodings that it finds read the same text and charset-normalizer counts one of them
    among its matches (its best guess for Latin-2 is often cp1250, whose Ľ is Latin-2's ź)."""
    if sum(1 for byte in foreign if byte >= 0x80) < MIN_GUESS_BYTES:
        return None
    from charset_normalizer import from_bytes

    plausible = [check_encoding(name) for name in plausible_encodings(foreign, len(CANDIDATES))]
    if not plausible:
        return None
    matches = [_codec_or_none(match.encoding) for match in from_bytes(foreign)]
    if matches and matches[0] in plausible:
        return matches[0]
    one_reading = len({foreign.decode(codec) for codec in plausible}) == 1
    return plausible[0] if one_reading and set(plausible) & set(matches) else None


def _codec_or_none(name: str) -> str | None:
    try:
        return check_encoding(name)
    except InputError:
        return None


def _utf8_or_none(line: bytes) -> str | None:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _western(line: bytes, number: int, foreign: bytes, mixed: bool) -> str:
    """A line that is not UTF-8 read as cp1252, or refused: it holds UTF-8 letters among
    other bytes, is not Western text, or reads as plausible Turkish (cp1254) too."""
    if _as_mix(line) is not None:
        raise _mixes(line, number, mixed)
    try:
        text = line.decode("cp1252")
    except UnicodeDecodeError as error:
        what = f"byte 0x{line[error.start]:02X} on line {number} is not text in cp1252 or Latin-1"
        raise _refusal(what, foreign) from None
    where = implausible(text)
    if where is not None:
        what = (
            "and not Western European text in cp1252 or Latin-1 "
            f"(line {number} would read {_word_at(text, where)!r})"
        )
        raise _refusal(what, foreign)
    _check_not_turkish(line, text, number)
    return text


def _as_mix(line: bytes) -> str | None:
    """``line`` read as UTF-8 where it holds UTF-8 sequences of Latin, Greek or Cyrillic
    letters, quotes or dashes, and as cp1252 elsewhere, if that reads as text; else None."""
    parts: list[str] = []
    at = 0
    for sequence in _UTF8_SEQUENCE.finditer(line):
        char = sequence.group().decode()
        if not _MOJIBAKE.match(char):
            return None
        parts += [line[at : sequence.start()].decode("cp1252", "replace"), char]
        at = sequence.end()
    if not parts:
        return None
    text = "".join(parts) + line[at:].decode("cp1252", "replace")
    return text if "\ufffd" not in text and implausible(text) is None else None


def _check_not_turkish(line: bytes, text: str, number: int) -> None:
    """cp1252's ÐÝÞðýþ (Icelandic) are cp1254's ĞİŞğış (Turkish): both read plausibly."""
    try:
        turkish = line.decode("cp1254")
    except UnicodeDecodeError:
        return
    if turkish != text and implausible(turkish) is None:
        at = next(i for i, (a, b) in enumerate(zip(text, turkish, strict=True)) if a != b)
        raise UnreadableError(
            f"not UTF-8, and line {number} reads as {_word_at(text, at)!r} in cp1252 "
            f"(Western) but as {_word_at(turkish, at)!r} in cp1254 (Turkish), which cannot be "
            "told apart for sure: name the encoding with --encoding cp1252 or --encoding cp1254"
        )


def _mixes(line: bytes, number: int, mixed: bool) -> UnreadableError:
    """A line with UTF-8 letters among bytes that are not UTF-8: two encodings in one line,
    or cp1252 text that holds the characters of a UTF-8 sequence ("Ã©"), which only the
    user can tell apart."""
    first = _UTF8_SEQUENCE.search(line)
    western = line.decode("cp1252", "replace")
    fix = "re-save the file as UTF-8 with that line mended"
    if mixed:
        fix += " (no one --encoding reads it: its other lines are UTF-8)"
    elif first is None or "\ufffd" in western or CONTROL.search(western):
        fix += " (no one --encoding reads it)"
    else:
        fix += (
            f", or if all of it is cp1252 (line {number} then reads "
            f"{_word_at(western, first.start())!r}), name it with --encoding cp1252"
        )
    return UnreadableError(f"mixes UTF-8 and another encoding within line {number}: {fix}")


def _word_at(text: str, index: int) -> str:
    return next(t.group() for t in TOKEN.finditer(text) if t.end() > index)[:40]


def _refusal(what: str, foreign: bytes) -> NotWesternError:
    names = plausible_encodings(foreign)
    families = {FAMILIES.get(name) for name in names}
    [family] = families if len(families) == 1 else [None]
    fix = (
        (f"it looks {family}: " if family else "")
        + f"name the encoding with --encoding {names[0]}"
        + (f" (or {' or '.join(names[1:])})" if names[1:] else "")
        if names
        else "name the file's encoding with --encoding"
    )
    return NotWesternError(f"not UTF-8, {what}: {fix}, or re-save the file as UTF-8")


def plausible_encodings(data: bytes, limit: int = 3) -> list[str]:
    """Up to ``limit`` of :data:`CANDIDATES` that decode ``data`` to plausible text."""
    names: list[str] = []
    for name in CANDIDATES:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if implausible(text) is None:
            names.append(name)
        if len(names) == limit:
            break
    return names


def _line(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1
