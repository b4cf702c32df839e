"""Scoring the extractor against gold claims: precision, recall and F1 per claim type.

A found claim matches a gold claim when their keys agree:
membership (actor, arrangement, enters-or-leaves), commitment (guarantor, beneficiary,
category, modality, condition kind), agreement (the set of parties), meeting (the set of
participants).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pactwatch.extract.engine import Engine
from pactwatch.model import (
    AgreementClaim,
    Claim,
    CommitmentClaim,
    Document,
    MeetingClaim,
    MembershipClaim,
)

TYPES = ("membership", "commitment", "agreement", "meeting")
Key = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Article:
    """A development-set article with its gold claims."""

    name: str
    document: Document
    gold: tuple[dict[str, Any], ...]


@dataclass(slots=True)
class Score:
    """Counts for one claim type."""

    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positive + self.false_negative
        return self.true_positive / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Report:
    """Scores per type, with the misses and false alarms per article for debugging."""

    scores: dict[str, Score] = field(default_factory=lambda: {t: Score() for t in TYPES})
    misses: list[tuple[str, Key]] = field(default_factory=list)
    false_alarms: list[tuple[str, Key]] = field(default_factory=list)

    def as_dict(self) -> dict[str, dict[str, float]]:
        return {
            kind: {
                "precision": round(s.precision, 4),
                "recall": round(s.recall, 4),
                "f1": round(s.f1, 4),
            }
            for kind, s in self.scores.items()
        }


def load_articles(folder: Path) -> list[Article]:
    """Every ``*.json`` article in a folder, in name order."""
    articles = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        document = Document(
            text=data["text"],
            source=data["url"],
            title=data.get("title"),
            published=dt.date.fromisoformat(data["published"]),
        )
        articles.append(Article(path.stem, document, tuple(data["gold"])))
    return articles


def claim_key(claim: Claim) -> Key:
    """The key a found claim is matched on."""
    if isinstance(claim, MembershipClaim):
        return ("membership", claim.actor, claim.arrangement, claim.action == "leave")
    if isinstance(claim, CommitmentClaim):
        return (
            "commitment",
            claim.guarantor,
            claim.beneficiary,
            str(claim.category),
            str(claim.modality),
            str(claim.condition.kind),
        )
    if isinstance(claim, AgreementClaim):
        return ("agreement", frozenset(claim.parties))
    assert isinstance(claim, MeetingClaim)
    return ("meeting", frozenset(claim.participants))


def gold_key(gold: dict[str, Any]) -> Key:
    """The key a gold claim is matched on."""
    kind = gold["type"]
    if kind == "membership":
        return (kind, gold["actor"], gold["arrangement"], gold["action"] == "leave")
    if kind == "commitment":
        return (
            kind,
            gold["guarantor"],
            gold["beneficiary"],
            gold["category"],
            gold.get("modality", "committed"),
            gold.get("condition", "none"),
        )
    if kind == "agreement":
        return (kind, frozenset(gold["parties"]))
    return (kind, frozenset(gold["participants"]))


def evaluate(articles: Iterable[Article], engine: Engine | None = None) -> Report:
    """Run the extractor on every article and score it against the gold claims."""
    from pactwatch.extract import extract

    report = Report()
    for article in articles:
        found = Counter(claim_key(c) for c in extract(article.document, engine))
        wanted = Counter(gold_key(g) for g in article.gold)
        for key in set(found) | set(wanted):
            score = report.scores[key[0]]
            hits = min(found[key], wanted[key])
            score.true_positive += hits
            score.false_positive += found[key] - hits
            score.false_negative += wanted[key] - hits
            if found[key] > hits:
                report.false_alarms.append((article.name, key))
            if wanted[key] > hits:
                report.misses.append((article.name, key))
    return report
