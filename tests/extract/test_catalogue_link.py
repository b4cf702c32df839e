"""A claim is filed under a catalogued text only when its date or its own words fit that text
(issue 11.3): a 2027 agreement of Germany and Ukraine is not their 2024 one."""

from __future__ import annotations

import datetime as dt

import pytest

from pactwatch.extract import extract
from pactwatch.model import AgreementClaim, CommitmentClaim, Document

D = dt.date
CASES = [
    # (text, published, expected arrangement of the agreement and of the pledge)
    (
        "BERLIN, March 9 - Germany and Ukraine signed a security agreement in Berlin on "
        "Tuesday, officials said. Under the deal, Germany will provide air defence systems "
        "to Ukraine.",
        D(2027, 3, 10),
        None,
    ),
    (
        "BERLIN - Germany and Ukraine signed a new security agreement in Berlin, officials "
        "said. Under the deal, Germany will provide air defence systems to Ukraine.",
        D(2027, 3, 10),
        None,
    ),
    (
        "BERLIN, Feb 16 - Germany and Ukraine signed a security agreement in Berlin on "
        "Friday, officials said. Under the deal, Germany will provide air defence systems "
        "to Ukraine.",
        D(2024, 2, 17),
        "bsa-2024-ukr-deu",
    ),
    (
        "BERLIN - Germany and Ukraine signed a security agreement on 16 February 2024, "
        "officials recalled in a briefing on the war.",
        D(2024, 3, 1),
        "bsa-2024-ukr-deu",
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), CASES)
def test_a_claim_is_filed_under_a_catalogued_text_only_when_it_fits(
    text: str, published: dt.date, expected: str | None
) -> None:
    found = extract(Document(text=text, source="https://example.org/ours", published=published))
    agreements = [c for c in found if isinstance(c, AgreementClaim)]
    assert [(c.parties, c.arrangement) for c in agreements] == [(("DEU", "UKR"), expected)]
    for pledge in (c for c in found if isinstance(c, CommitmentClaim)):
        assert pledge.arrangement == expected
