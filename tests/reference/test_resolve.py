"""Actor resolution: names, demonyms, capitals, abbreviations, leaders and offices by date."""

from __future__ import annotations

import datetime as dt

import pytest

from pactwatch.errors import UnknownIdError
from pactwatch.model import ActorKind
from pactwatch.reference import Catalog, resolve


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Canada", "CAN"),
        ("canada", "CAN"),
        ("CAN", "CAN"),
        ("Ottawa", "CAN"),
        ("Canadian", "CAN"),
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),
        ("Ukrainian", "UKR"),
        ("Washington", "USA"),
        ("the U.S.", "USA"),
        ("U.S.", "USA"),
        ("United States", "USA"),
        ("the UK", "GBR"),
        ("Britain", "GBR"),
        ("British", "GBR"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("South Korea", "KOR"),
        ("Saudi Arabia", "SAU"),
        ("Pakistani", "PAK"),
        ("NATO", "NATO"),
        ("the Alliance", "NATO"),
        ("European Union", "EU"),
        ("Coalition of the Willing", "coalition-of-the-willing"),
        ("Carney", "person:mark-carney"),
        ("Mark Carney", "person:mark-carney"),
        ("Rutte", "person:mark-rutte"),
        ("Zelensky", "person:volodymyr-zelensky"),
    ],
)
def test_resolve_names(query: str, expected: str) -> None:
    assert expected in [found.actor.id for found in resolve(query)]


@pytest.mark.parametrize(
    ("query", "on", "expected"),
    [
        ("the Canadian prime minister", dt.date(2026, 1, 6), "person:mark-carney"),
        ("the Canadian prime minister", dt.date(2024, 2, 24), "person:justin-trudeau"),
        ("Canada's prime minister", dt.date(2026, 1, 6), "person:mark-carney"),
        ("Prime Minister of Canada", dt.date(2026, 1, 6), "person:mark-carney"),
        ("the British prime minister", dt.date(2024, 1, 12), "person:rishi-sunak"),
        ("the British prime minister", dt.date(2025, 1, 12), "person:keir-starmer"),
        ("NATO secretary general", dt.date(2026, 1, 6), "person:mark-rutte"),
        ("NATO secretary general", dt.date(2023, 7, 12), "person:jens-stoltenberg"),
        ("the Ukrainian president", dt.date(2026, 1, 6), "person:volodymyr-zelensky"),
        ("the German chancellor", dt.date(2024, 2, 16), "person:olaf-scholz"),
        ("the German chancellor", dt.date(2025, 7, 17), "person:friedrich-merz"),
    ],
)
def test_offices_resolve_by_date(query: str, on: dt.date, expected: str) -> None:
    assert [found.actor.id for found in resolve(query, on=on)] == [expected]


def test_a_leader_carries_the_state_served_on_the_date() -> None:
    found = resolve("Carney", on=dt.date(2026, 1, 6))
    assert found[0].represents == "CAN"
    assert found[0].office is not None and found[0].office.title == "Prime Minister"
    before = resolve("Carney", on=dt.date(2020, 1, 1))
    assert before[0].office is None


def test_unknown_names_resolve_to_nothing() -> None:
    assert resolve("Atlantis") == []


def test_unknown_id_suggests_the_nearest(catalog: Catalog) -> None:
    with pytest.raises(UnknownIdError, match=r"Canada \(CAN\)"):
        catalog.actor("Kanada")


def test_catalog_kinds(catalog: Catalog) -> None:
    assert catalog.actors["CAN"].kind is ActorKind.STATE
    assert catalog.actors["NATO"].kind is ActorKind.ORGANISATION
    assert catalog.actors["coalition-of-the-willing"].kind is ActorKind.COALITION
    assert catalog.actors["person:mark-carney"].kind is ActorKind.PERSON
    assert catalog.arrangements["bsa-2024-ukr-gbr"].parent == "g7-joint-declaration-2023"


def test_no_alias_names_two_states(catalog: Catalog) -> None:
    owners: dict[str, set[str]] = {}
    for alias in catalog.aliases:
        if catalog.actors[alias.actor].kind is ActorKind.STATE:
            owners.setdefault(alias.text.casefold(), set()).add(alias.actor)
    clashes = {text: ids for text, ids in owners.items() if len(ids) > 1}
    assert clashes == {}


def test_every_reference_row_cites_a_url(catalog: Catalog) -> None:
    for actor in catalog.actors.values():
        assert actor.source.startswith("http"), actor.id
        for office in actor.offices:
            assert office.source.startswith("http"), (actor.id, office)
    for arrangement in catalog.arrangements.values():
        assert arrangement.source.startswith("http"), arrangement.id
    for party in catalog.parties:
        assert party.source.startswith("http"), party
