"""The text of an input file's bytes, decoded right or refused by name: nothing stored garbled.

The rules, in order (docs/extraction.md, "Text encodings"):

1. An encoding named by the user (``--encoding cp1252``) is used as given and strictly; a
   byte it cannot decode, or a NUL or C1 control character it decodes to, refuses the file.
2. A byte-order mark names the encoding: UTF-32 or UTF-16 (LE or BE) are decoded strictly;
   after a UTF-8 mark the rules go on as for any UTF-8 text.
3. NUL bytes: UTF-16 without a mark when every other byte is NUL, else a binary file.
4. Strict UTF-8.
5. Otherwise each line that is not UTF-8 is read as Windows-1252 (the Web's reading of
   Latin-1: both agree on 0xA0-0xFF, and 0x80-0x9F are cp1252's quotes, dashes, euro sign
   and letters, never text in Latin-1), if what it reads is plausible Western European text
   (:func:`implausible`) and not plausible Turkish as well (cp1254's ğ, ı, ş are cp1252's
   ð, ý, þ). Lines that are UTF-8 stay UTF-8, so a UTF-8 file with a pasted cp1252 line is
   read right; a line that mixes both is refused.
6. A file that is not Western text is decoded only when it is long (:data:`MIN_GUESS_BYTES`)
   and charset-normalizer's guess is one of the encodings that read it plausibly; else it is
   refused, naming those encodings (``--encoding cp1251``). On a short text (a name or two in
   an English article) charset-normalizer's guess is what used to store garbage.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

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
    "cp1251",
    "iso8859-15",
    "cp1253",
    "cp1254",
    "cp1257",
    "mac-roman",
    "cp850",
    "koi8-r",
)
"""Single-byte encodings a refusal may suggest, most common first."""
MIN_GUESS_BYTES = 40
"""Non-ASCII bytes a non-Western text needs before charset-normalizer's guess is heard: on
fewer (a name or two in an English article) its letter statistics decide nothing."""
IN_WORD = frozenset("’‘´·–—…\u00ad")
"""Non-letters that Western text puts between two letters (apostrophes, dashes, soft hyphen)."""
SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "HEBREW", "ARABIC"})
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
"""A well-formed UTF-8 sequence of two to four bytes."""
_CONTROL = re.compile("[\x00\x80-\x9f]")
"""NUL and the C1 controls: never in text, the mark of a wrong encoding."""
_TOKEN = re.compile(r"\S+")


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
    control = _CONTROL.search(text)
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
    return text


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
        return _utf16_without_bom(data)
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


def _utf16_without_bom(data: bytes) -> str:
    sample = data[: 8192 - 8192 % 2]
    pairs = max(1, len(sample) // 2)
    even, odd = sample[0::2].count(0) / pairs, sample[1::2].count(0) / pairs
    codec = None
    if len(data) % 2 == 0 and odd >= 0.3 and even <= 0.02:
        codec = "utf-16-le"
    elif len(data) % 2 == 0 and even >= 0.3 and odd <= 0.02:
        codec = "utf-16-be"
    try:
        text = data.decode(codec) if codec else ""
    except UnicodeDecodeError:
        text = ""
    if not text or re.search("[\x00-\x08\x0e-\x1f\x7f-\x9f]", text):
        raise UnreadableError("binary file, not text: give a .txt, .md, .html or .jsonl file")
    return text


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
    """charset-normalizer's encoding for a long non-Western text, if it is one that
    :func:`plausible_encodings` finds too: two independent readings agreeing."""
    if sum(1 for byte in foreign if byte >= 0x80) < MIN_GUESS_BYTES:
        return None
    from charset_normalizer import from_bytes

    best = from_bytes(foreign).best()
    if best is None:
        return None
    try:
        codec = check_encoding(best.encoding)
    except InputError:
        return None
    plausible = {check_encoding(name) for name in plausible_encodings(foreign, len(CANDIDATES))}
    return codec if codec in plausible else None


def _utf8_or_none(line: bytes) -> str | None:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _western(line: bytes, number: int, foreign: bytes, mixed: bool) -> str:
    """A line that is not UTF-8 read as cp1252, or refused: it mixes in UTF-8 (in a file
    with UTF-8 lines, or where cp1252 reads nonsense), is not Western text, or reads as
    plausible Turkish (cp1254) too."""
    utf8_inside = _UTF8_SEQUENCE.search(line) is not None
    if mixed and utf8_inside:
        raise _mixes(number)
    try:
        text = line.decode("cp1252")
    except UnicodeDecodeError as error:
        what = f"byte 0x{line[error.start]:02X} on line {number} is not text in cp1252 or Latin-1"
        raise _mixes(number) if utf8_inside else _refusal(what, foreign) from None
    where = implausible(text)
    if where is not None:
        if utf8_inside:
            raise _mixes(number)
        what = (
            "and not Western European text in cp1252 or Latin-1 "
            f"(line {number} would read {_word_at(text, where)!r})"
        )
        raise _refusal(what, foreign)
    _check_not_turkish(line, text, number)
    return text


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


def _mixes(number: int) -> UnreadableError:
    return UnreadableError(
        f"mixes UTF-8 and another encoding within line {number}: re-save the file as UTF-8"
    )


def _word_at(text: str, index: int) -> str:
    return next(t.group() for t in _TOKEN.finditer(text) if t.end() > index)[:40]


def _refusal(what: str, foreign: bytes) -> NotWesternError:
    names = plausible_encodings(foreign)
    fix = (
        f"name the encoding with --encoding {names[0]}"
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


def implausible(text: str) -> int | None:
    """Where ``text`` stops reading like text in a script, or None: a NUL or C1 control, the
    currency sign ¤ (Latin-9's euro), a symbol between two letters (cp1250's ł read as ³), an
    upper-case letter after a lower-case one with either not ASCII (Mac Roman's é read as Ž),
    three accented Latin letters in a row (Cyrillic read as Latin), or two scripts meeting
    inside a word."""
    control = _CONTROL.search(text)
    if control:
        return control.start()
    for token in _TOKEN.finditer(text):
        word = token.group()
        if not word.isascii():
            at = _odd_character(word)
            if at is not None:
                return token.start() + at
    return None


def _odd_character(word: str) -> int | None:
    run = 0
    for at, char in enumerate(word):
        if char == "¤":
            return at
        if not _letter(char):
            run = 0
            if not char.isascii() and char not in IN_WORD and _between_letters(word, at):
                return at
            continue
        previous = word[at - 1] if at else " "
        if _letter(previous) and not (previous.isascii() and char.isascii()):
            if previous.islower() and char.isupper():
                return at
            scripts = {_script(previous), _script(char)}
            if len(scripts) == 2 and None not in scripts:
                return at
        run = run + 1 if not char.isascii() and _script(char) == "LATIN" else 0
        if run == 3:
            return at
    return None


def _between_letters(word: str, at: int) -> bool:
    """True if the run of non-ASCII non-letters around ``word[at]`` has letters on both sides."""
    left, right = at - 1, at + 1
    while left >= 0 and not word[left].isascii() and not _letter(word[left]):
        left -= 1
    while right < len(word) and not word[right].isascii() and not _letter(word[right]):
        right += 1
    return left >= 0 and right < len(word) and _letter(word[left]) and _letter(word[right])


def _letter(char: str) -> bool:
    return char.isalpha() and unicodedata.category(char) != "Lm"


def _script(char: str) -> str | None:
    if char.isascii():
        return "LATIN"
    script = unicodedata.name(char, "").split(" ", 1)[0]
    return script if script in SCRIPTS else None


def _line(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1
