"""The import format on any JSON line: a claim or document, or our own error naming the line."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from pactwatch.errors import PactwatchError
from pactwatch.model import ClaimWithReviews, Document
from pactwatch.store.exchange import parse_lines
from tests.conftest import MEMBERSHIP_RECORD
from tests.fuzz.strategies import FUZZ, json_values


def assert_parses_or_refuses(line: str) -> None:
    try:
        items = parse_lines([line])
    except PactwatchError as error:
        message = str(error)
    else:
        assert all(isinstance(item, Document | ClaimWithReviews) for item in items)
        return
    assert message.startswith("<input>, line 1: "), message


@FUZZ
@given(value=json_values)
def test_any_json_line_is_a_claim_or_our_error(value: object) -> None:
    assert_parses_or_refuses(json.dumps(value))


@FUZZ
@given(text=st.text(max_size=200))
def test_any_line_of_text_is_a_claim_or_our_error(text: str) -> None:
    assert_parses_or_refuses(text.replace("\n", " "))


@FUZZ
@given(
    changes=st.dictionaries(
        st.sampled_from([*MEMBERSHIP_RECORD, "type", "confidence", "status", "id", "note"]),
        json_values,
        max_size=3,
    ),
    dropped=st.sets(st.sampled_from(list(MEMBERSHIP_RECORD)), max_size=2),
)
def test_a_record_with_fields_of_any_type_is_a_claim_or_our_error(
    changes: dict[str, object], dropped: set[str]
) -> None:
    record = {k: v for k, v in {**MEMBERSHIP_RECORD, **changes}.items() if k not in dropped}
    assert_parses_or_refuses(json.dumps(record))
