"""CI fails when extraction quality drops below the floors pinned for each article set."""

from __future__ import annotations

import pytest

from pactwatch.extract.evaluate import Report
from tests.extract.gate import SETS, corpus_hash, measure, pinned

KINDS = ["membership", "commitment", "agreement", "meeting"]


@pytest.fixture(scope="module", params=SETS)
def measured(request: pytest.FixtureRequest) -> tuple[str, Report]:
    return request.param, measure(request.param)


def test_floors_belong_to_this_article_set(measured: tuple[str, Report]) -> None:
    name, _ = measured
    assert pinned(name)["corpus_sha256"] == corpus_hash(name), (
        f"the {name} articles changed: re-measure with `python -m tests.extract.gate --update`"
    )


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("metric", ["precision", "recall"])
def test_quality_does_not_drop(measured: tuple[str, Report], kind: str, metric: str) -> None:
    name, report = measured
    value = report.as_dict()[kind][metric]
    floor = pinned(name)["floors"][kind][metric]
    assert value >= floor, f"{name}: {kind} {metric} fell to {value} (floor {floor})"


@pytest.mark.parametrize("kind", ["membership", "commitment", "agreement"])
def test_devset_meets_the_issue_target(kind: str) -> None:
    scores = measure("devset").as_dict()[kind]
    assert scores["precision"] >= 0.90 and scores["recall"] >= 0.85
