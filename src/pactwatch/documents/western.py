"""Whether decoded text reads like text in a script: the test a guessed single-byte reading
must pass before it is stored (``pactwatch.documents.encoding``). Another encoding's letters
read through the wrong table come out as symbols touching letters ("£ukasz", "by³"), controls,
or letters of two scripts in one word; Western text puts only a few symbols beside letters.
"""

from __future__ import annotations

import re
import unicodedata

CONTROL = re.compile("[\x00\x80-\x9f]")
"""NUL and the C1 controls: never in text, the mark of a wrong encoding."""
TOKEN = re.compile(r"\S+")
IN_WORD = frozenset("’‘´·–—…\u00ad")
"""Non-letters that Western text puts between two letters (apostrophes, dashes, soft hyphen)."""
BESIDE_WORD = frozenset("«»‹›„“”‚°™")
"""Non-letters that Western text puts beside a letter (quotes, °C, a brand's ™); any other
symbol beside a letter is another encoding's letter (cp1250's Ł, ł, ż read as £, ³, ¿)."""
AFTER_WORD = frozenset("®©†")
"""Non-letters that Western text puts after a word ("Windows®", "Smith†"), never before one."""
_ATTACHED = re.compile(
    r"(?<![^\W\d_])(?:[£€¥](?:bn|mn|m|k|tn|b)|(?:[kcdm]?m|ft|yd|mi)[²³])(?![^\W\d_])"
)
"""Symbols Western text attaches to letters: money before its multiple ("£m", "€bn") and
square or cubic units ("km²", "m³")."""
_ATTACHABLE = frozenset("£€¥²³")
_OPENING = {"¿": "?", "¡": "!"}
"""Spanish opening marks, which start a word when the line closes them later."""
_SPANISH_OR_FRENCH = frozenset("ñÑœŒŸ")
"""Letters that cp1252 has for Spanish or French only, which stand where those languages
put them (see :func:`_misplaced`)."""
SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "HEBREW", "ARABIC"})


def implausible(text: str) -> int | None:
    """Where ``text`` stops reading like text in a script, or None: a NUL or C1 control, the
    currency sign ¤ (Latin-9's euro), a symbol beside a letter other than quotes, °, ™ and the
    like (cp1250's Ł and ł read as £ and ³ in "£ukasz", "by³"), an upper-case letter after a
    lower-case one with either not ASCII (Mac Roman's é read as Ž), three accented Latin
    letters in a row (Cyrillic read as Latin), or two scripts meeting inside a word."""
    control = CONTROL.search(text)
    if control:
        return control.start()
    for token in TOKEN.finditer(text):
        word = token.group()
        if not word.isascii():
            at = _odd_character(word, text, token.end())
            if at is not None:
                return token.start() + at
    return None


def _odd_character(word: str, text: str = "", end: int = 0) -> int | None:
    """Where ``word`` (which ends at ``end`` in ``text``) stops reading like a word, or None."""
    attached = {
        m.start() if m.group()[0] in "£€¥" else m.end() - 1
        for m in (_ATTACHED.finditer(word) if _ATTACHABLE.intersection(word) else ())
    }
    run = 0
    for at, char in enumerate(word):
        if char == "¤":
            return at
        if not _letter(char):
            run = 0
            odd = not char.isascii() and char not in IN_WORD and at not in attached
            if odd and (_between_letters(word, at) or _beside_letter(word, at, text, end)):
                return at
            continue
        if char in _SPANISH_OR_FRENCH and _misplaced(word, at):
            return at
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


def _misplaced(word: str, at: int) -> bool:
    """True if the letter ``word[at]`` (ñ, œ or Ÿ) stands where Spanish or French, the only
    Western languages that write it, never put it: ñ before a vowel; œ before u, i or e, or
    d, s, n or c to start a word ("Œdipe"), t or l inside one ("fœtus"); Ÿ in words written
    in capitals. cp1250's ń, ś and ź read as cp1252 break these ("Gdañsk", "Œliwiñski",
    "Ÿle")."""
    char = word[at].lower()
    after = word[at + 1].lower() if at + 1 < len(word) and _letter(word[at + 1]) else ""
    if char == "ñ":
        return not after or after not in "aeiouáéíóúü"
    if char == "œ":
        first = not any(_letter(c) for c in word[:at])
        return not after or after not in "uie" + ("dsnc" if first else "tl")
    return any(c.islower() for c in word)


def _beside_letter(word: str, at: int, text: str, end: int) -> bool:
    """True if the symbol ``word[at]`` touches a letter where Western text puts none (a
    Spanish ¿ or ¡ opens a word whose sentence closes it: on its line, within 1,000
    characters of the word's ``end`` in ``text``)."""
    char = word[at]
    before = at > 0 and _letter(word[at - 1])
    after = at + 1 < len(word) and _letter(word[at + 1])
    if char in BESIDE_WORD or not (before or after):
        return False
    if char in AFTER_WORD:
        return after
    if char in _OPENING:
        opens = not before and not any(_letter(c) for c in word[:at])
        sentence = word[at + 1 :] + text[end : end + 1000].split("\n", 1)[0]
        return not (opens and _OPENING[char] in sentence)
    return True


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
