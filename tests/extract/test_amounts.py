"""Which sum a pledge carries (issue 11, point 1): a text that revises a sum names one pledge
with the new sum; sums a text gives apart stay apart pledges. Sentences of our own."""

from __future__ import annotations

import datetime as dt

import pytest

from pactwatch.extract import extract
from pactwatch.extract.amounts import AmountReader
from pactwatch.extract.lexicon import load_lexicon
from pactwatch.model import CommitmentClaim, Document

PUBLISHED = dt.date(2026, 1, 7)


def pledged_sums(text: str) -> list[tuple[float, str]]:
    """The (value, currency) of every commitment the text gives, one per claim."""
    found = extract(Document(text=text, source="t", published=PUBLISHED))
    return sorted(
        (c.amount.value, c.amount.currency) if c.amount else (0.0, "")
        for c in found
        if isinstance(c, CommitmentClaim)
    )


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        # raised ... from X to Y
        pytest.param(
            "Britain raised its pledge of military aid to Ukraine from 1.9 billion euros to "
            "2.2 billion euros.",
            2.2e9,
            "EUR",
            id="raised-from-to",
        ),
        # the revising verb is the only verb of the pledge
        pytest.param(
            "Britain increased its military aid for Ukraine from £1.6 billion to £2 billion.",
            2e9,
            "GBP",
            id="increased-verb-only",
        ),
        pytest.param(
            "Canada lifted its military aid package for Ukraine from C$1.5 billion to C$2 billion.",
            2e9,
            "CAD",
            id="lifted-package",
        ),
        pytest.param(
            "Germany upped its military aid to Ukraine from EUR 7 billion to EUR 8 billion.",
            8e9,
            "EUR",
            id="upped",
        ),
        pytest.param(
            "The Netherlands doubled its military aid for Ukraine from 1 billion euros to "
            "2 billion euros.",
            2e9,
            "EUR",
            id="doubled",
        ),
        pytest.param(
            "Norway boosted its military aid to Ukraine to 15 billion kroner from 12 billion "
            "kroner.",
            15e9,
            "NOK",
            id="boosted-to-from",
        ),
        # the old sum stands between the verb and the new one
        pytest.param(
            "Britain raised its 1.9 billion euro pledge of military aid to Ukraine to 2.2 "
            "billion euros.",
            2.2e9,
            "EUR",
            id="old-sum-before-new",
        ),
        # by (the change) ... to (the new sum)
        pytest.param(
            "Denmark raised its military aid to Ukraine by 500 million euros to 2.5 billion euros.",
            2.5e9,
            "EUR",
            id="by-change-to-new",
        ),
        # corrected / revised ... to Y
        pytest.param(
            "Sweden corrected its pledge of military aid to Ukraine, first announced as 1.2 "
            "billion euros, to 1.5 billion euros.",
            1.5e9,
            "EUR",
            id="corrected-to",
        ),
        pytest.param(
            "Spain revised its pledge of military aid to Ukraine to 1.1 billion euros from an "
            "initial 1 billion euros.",
            1.1e9,
            "EUR",
            id="revised-to-from-initial",
        ),
        # X, up from Y: X is the new sum; "last year" dates the old sum, not the pledge
        pytest.param(
            "Britain will give Ukraine 2.2 billion euros in military aid this year, up from 1.9 "
            "billion euros last year.",
            2.2e9,
            "EUR",
            id="up-from-last-year",
        ),
        # ... or a year
        pytest.param(
            "Britain will give Ukraine 2.2 billion euros in military aid this year, up from 1.9 "
            "billion euros in 2025.",
            2.2e9,
            "EUR",
            id="up-from-a-past-year",
        ),
        # raised ... to Y, the one sum of the sentence
        pytest.param(
            "Britain raised its military aid to Ukraine to 3 billion pounds.",
            3e9,
            "GBP",
            id="raised-to-only",
        ),
        # a further Y, bringing the total to Z: the pledge is Y, the total is no pledge's sum
        pytest.param(
            "Britain pledged a further 300 million euros in military aid to Ukraine, bringing "
            "the total to 2.2 billion euros.",
            3e8,
            "EUR",
            id="further-then-total",
        ),
        pytest.param(
            "Bringing its total to 2.2 billion euros, Britain pledged a further 300 million "
            "euros in military aid to Ukraine.",
            3e8,
            "EUR",
            id="total-then-further",
        ),
        # counter-cases: sums given apart are apart pledges (the sentence's first sum) ...
        pytest.param(
            "Britain pledged 1.9 billion euros in military aid to Ukraine in March and a "
            "further 300 million euros in June.",
            1.9e9,
            "EUR",
            id="counter-further-in-june",
        ),
        # ... and a span of years is no pair of sums
        pytest.param(
            "Britain raised its military aid to Ukraine, pledging 1.9 billion euros a year "
            "from 2026 to 2028.",
            1.9e9,
            "EUR",
            id="counter-years-after-revising-verb",
        ),
        pytest.param(
            "Britain pledged 1.9 billion euros in military aid to Ukraine from 2026 to 2028.",
            1.9e9,
            "EUR",
            id="counter-years-span",
        ),
    ],
)
def test_a_revised_pledge_carries_its_new_sum_only(text: str, value: float, currency: str) -> None:
    assert pledged_sums(text) == [(value, currency)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a later sentence revises the sum of an earlier one: one pledge, the new sum
        pytest.param(
            "In March Britain pledged 1.9 billion euros in military aid to Ukraine. On Tuesday "
            "Britain raised its military aid to Ukraine from 1.9 billion euros to 2.2 billion "
            "euros.",
            [(2.2e9, "EUR")],
            id="later-sentence-revises",
        ),
        # nothing ties the two sums: two pledges (the existing rule)
        pytest.param(
            "Britain pledged 1.9 billion euros in military aid to Ukraine in March. On Tuesday "
            "Britain pledged a further 300 million euros in military aid to Ukraine.",
            [(3e8, "EUR"), (1.9e9, "EUR")],
            id="counter-two-sentences-two-pledges",
        ),
    ],
)
def test_a_text_that_revises_a_sum_ties_the_pledges(
    text: str, expected: list[tuple[float, str]]
) -> None:
    assert pledged_sums(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a sum that changed is no pledge: no state revised it
        pytest.param(
            "Germany's arms exports to Ukraine rose from EUR 8 billion to EUR 12 billion.",
            id="exports-rose",
        ),
        pytest.param(
            "Germany's military aid to Ukraine increased from EUR 8 billion to EUR 12 billion.",
            id="aid-increased-intransitive",
        ),
    ],
)
def test_a_sum_that_changed_by_itself_is_no_pledge(text: str) -> None:
    assert pledged_sums(text) == []


def test_the_revised_pledge_keeps_both_sentences_as_evidence() -> None:
    text = (
        "In March Britain pledged 1.9 billion euros in military aid to Ukraine. On Tuesday "
        "Britain raised its military aid to Ukraine from 1.9 billion euros to 2.2 billion euros."
    )
    [claim] = [
        c
        for c in extract(Document(text=text, source="t", published=PUBLISHED))
        if isinstance(c, CommitmentClaim)
    ]
    assert len(claim.evidence) == 2


@pytest.mark.parametrize(
    ("text", "pledged", "replaced"),
    [
        ("raised its pledge from EUR 1.9bn to EUR 2.2bn", "EUR 2.2bn", "EUR 1.9bn"),
        ("raised its pledge to EUR 2.2bn from EUR 1.9bn", "EUR 2.2bn", "EUR 1.9bn"),
        ("raised its aid to the army from EUR 1.9bn to EUR 2.2bn", "EUR 2.2bn", "EUR 1.9bn"),
        ("gives EUR 2.2bn, up from an earlier EUR 1.9bn", "EUR 2.2bn", "EUR 1.9bn"),
        ("gives EUR 2.2bn, down from EUR 2.5bn", "EUR 2.2bn", "EUR 2.5bn"),
        ("corrected its EUR 1.9bn pledge to EUR 2.2bn", "EUR 2.2bn", "EUR 1.9bn"),
        ("cut its aid by EUR 300m to EUR 1.6bn", "EUR 1.6bn", None),
        ("a further EUR 300m, bringing the total to EUR 2.2bn", "EUR 300m", None),
        ("a further EUR 300m, taking total military aid to EUR 2.2bn", "EUR 300m", None),
        ("EUR 1.9bn in March and a further EUR 300m in June", "EUR 1.9bn", None),
        ("EUR 2bn in military aid and EUR 150m for shells", "EUR 2bn", None),
        ("raised its aid to EUR 2.2bn", "EUR 2.2bn", None),
    ],
)
def test_reading_the_sums_of_a_sentence(text: str, pledged: str, replaced: str | None) -> None:
    reading = AmountReader(load_lexicon().amounts).read(text)
    assert reading.pledged is not None
    assert reading.pledged.text == pledged
    assert (reading.replaced.text if reading.replaced else None) == replaced
