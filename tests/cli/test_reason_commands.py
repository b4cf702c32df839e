"""The reasoning commands end to end on a real SQLite file built from article text."""

from __future__ import annotations

import csv
import html.parser
import io
import json
from pathlib import Path

import pytest

from tests.conftest import run

ARTICLE = {
    "url": "https://example.org/canada-italy",
    "title": "Canada joins coalition; Italy signs ten-year pact",
    "published": "2026-01-06",
    "text": (
        "PARIS, Jan 6 - Canada formally joined the Coalition of the Willing on Tuesday. "
        "Canada pledged military training and intelligence sharing for Ukraine, contingent "
        "upon a formal peace deal. Italy ruled out sending troops to Ukraine."
    ),
}
BRITAIN = {
    "url": "https://example.org/britain",
    "title": "Britain signs with Ukraine",
    "published": "2024-01-12",
    "text": (
        "KYIV, Jan 12 - Britain and Ukraine signed a security agreement in Kyiv on Friday. "
        "The agreement runs for ten years. In the event of a future Russian armed attack, "
        "Britain and Ukraine will consult within 24 hours."
    ),
}


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = tmp_path / "reason.db"
    news = tmp_path / "news.jsonl"
    news.write_text("\n".join(json.dumps(a) for a in (ARTICLE, BRITAIN)) + "\n", encoding="utf-8")
    assert run(capsys, "init", "--db", str(path))[0] == 0
    code, _, err = run(capsys, "--db", str(path), "ingest", str(news))
    assert code == 0, err
    return str(path)


def test_commitments_json_carries_the_lifecycle_in_status(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--db", db, "commitments", "--guarantor", "Canada", "--format", "json"]
    code, out, _ = run(capsys, *args, "--as-of", "2026-01-07")
    assert code == 0
    assert {row["category"]: row["status"] for row in json.loads(out)} == {
        "military_training": "dormant",
        "intelligence_sharing": "dormant",
    }
    code, out, _ = run(
        capsys, *args, "--as-of", "2026-06-02", "--scenario", "peace_agreement=2026-06-01"
    )
    assert {row["status"] for row in json.loads(out)} == {"active"}


def test_commitments_csv_and_the_duties_of_an_attack(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys,
        "--db", db, "commitments", "--beneficiary", "UKR", "--category", "consultation",
        "--as-of", "2027-03-02", "--scenario", "armed_attack=2027-03-01", "--format", "json",
    )  # fmt: skip
    assert code == 0
    [row] = json.loads(out)
    assert row["status"] == "triggered"
    assert row["duties"][0]["due"] == "2027-03-02"
    code, out, _ = run(
        capsys, "--db", db, "commitments", "--format", "csv", "--as-of", "2030-01-01"
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["status"] for r in rows if r["guarantor"] == "ITA"} == {"ruled_out"}


def test_coverage_timeline_diff_and_conflicts(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "--db", db, "coverage", "--beneficiary", "UKR", "--as-of", "2026-01-07",
        "--format", "json",
    )  # fmt: skip
    assert code == 0
    [cover] = json.loads(out)
    assert "military_training" in cover["gaps"]
    cells = {(c["guarantor"], c["category"]): c["status"] for c in cover["cells"]}
    assert cells[("CAN", "military_training")] == "dormant"
    assert cells[("GBR", "consultation")] == "active"
    code, out, _ = run(capsys, "--db", db, "timeline", "CAN", "--format", "json")
    assert [e["kind"] for e in json.loads(out)].count("commitment") == 2
    code, out, _ = run(capsys, "--db", db, "diff", "--since", "2025-12-31", "--format", "json")
    assert {row["change"] for row in json.loads(out)} == {"new"}
    assert len(json.loads(out)) == 4
    code, out, _ = run(capsys, "--db", db, "conflicts", "--format", "json")
    assert code == 0
    assert json.loads(out) == []


class _Resources(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.external: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs:
            if name == "src" or (tag == "link" and name == "href"):
                self.external.append(str(value))


def test_report_is_one_self_contained_file(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.html"
    assert run(capsys, "--db", db, "import", "--reference")[0] == 0
    code, said, err = run(
        capsys, "--db", db, "report", "--as-of", "2027-03-02",
        "--scenario", "peace_agreement=2026-06-01,armed_attack=2027-03-01", "--out", str(out),
    )  # fmt: skip
    assert code == 0, err
    assert "Wrote" in said
    page = out.read_text(encoding="utf-8")
    parser = _Resources()
    parser.feed(page)
    assert parser.external == []
    assert "script" not in parser.tags
    assert "<svg" in page
    assert "triggered" in page
    assert 'id="' in page and "Canada formally joined the Coalition" in page


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["commitments", "--scenario", "peace=2026-06-01"], "unknown event 'peace'"),
        (["commitments", "--guarantor", "Canadaa"], "Canada (CAN)"),
        (["coverage", "--beneficiary", "UKR", "--as-of", "2026-13-01"], "is not a date"),
        (["diff", "--since", "2026-02-01", "--until", "2026-01-01"], "before --since"),
        (["timeline", "nowhere-pact"], "nowhere-pact"),
    ],
)
def test_bad_input_says_what_is_wrong_and_exits_non_zero(
    db: str, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, _, err = run(capsys, "--db", db, *args)
    assert code != 0
    assert message in err
    assert "Traceback" not in err
