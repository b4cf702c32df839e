"""The published date a page states at its top or in its URL; never a date of the story."""

from __future__ import annotations

import datetime as dt

import pytest

from pactwatch.documents.dating import published_in

TODAY = dt.date(2026, 12, 2)


@pytest.mark.parametrize(
    ("text", "url", "expected"),
    [
        (" date 2024-05-03 In his recent address, the president spoke.", None, dt.date(2024, 5, 3)),
        ("Headline\n12 July 2023 - 18:29\nThe leaders met.", None, dt.date(2023, 7, 12)),
        ("Published: 14.06.2024\n\nThe leaders met.", None, dt.date(2024, 6, 14)),
        ("Kyiv, 3.7.2025 09:15\nThe leaders met.", None, dt.date(2025, 7, 3)),
        ("Posted 06/14/2024\nThe leaders met.", None, None),
        (
            "Murray Brewster · CBC News\n· Posted: Jan 05, 2026 4:00 AM EST | Last Updated: now\n",
            None,
            dt.date(2026, 1, 5),
        ),
        (
            "Darpan News Desk, 07 Jan, 2026 10:31 AM\nCanada co-signs pact.",
            None,
            dt.date(2026, 1, 7),
        ),
        ("PARIS, Jan. 6, 2026 (AP) - Leaders met.", None, dt.date(2026, 1, 6)),
        (
            "Leaders met in Paris.",
            "https://www.pravda.com.ua/eng/news/2024/06/27/7462938/",
            dt.date(2024, 6, 27),
        ),
        ("Published: Wednesday, March 11, 2026\nText.", None, dt.date(2026, 3, 11)),
        (
            " date 2025-03-27 Macron speaks at a summit in Paris on March 2, 2025. Picture: X",
            None,
            dt.date(2025, 3, 27),
        ),
    ],
)
def test_the_pages_own_date(text: str, url: str | None, expected: dt.date) -> None:
    assert published_in(text, url, TODAY) == expected


@pytest.mark.parametrize(
    "text",
    [
        "On 12 July 2023 the G7 leaders agreed a joint declaration of support for Ukraine.",
        "PARIS, Jan 6 (Reuters) - Leaders met on Tuesday.",
        "The treaty, signed on March 3, 2025, entered into force later that year.",
        "Posted: Jan 05, 2031\nA date in the future is no published date.",
        "",
    ],
)
def test_no_date_is_invented(text: str) -> None:
    assert published_in(text, None, TODAY) is None
