"""The closed vocabularies of the domain: kinds, categories, conditions, modalities.

Each member's one-line definition is its docstring in docs/model.md; the values are the
strings that appear in JSON, CSV and the database.
"""

from __future__ import annotations

from enum import StrEnum


class ActorKind(StrEnum):
    """What an actor is."""

    STATE = "state"
    ORGANISATION = "organisation"
    COALITION = "coalition"
    PERSON = "person"


class ArrangementKind(StrEnum):
    """What form an arrangement takes."""

    COALITION = "coalition"
    DECLARATION = "declaration"
    BILATERAL_SECURITY_AGREEMENT = "bilateral_security_agreement"
    TREATY = "treaty"
    COMPACT = "compact"
    PLEDGE = "pledge"
    ORGANISATION_ACCESSION = "organisation_accession"


class ClaimType(StrEnum):
    """The four kinds of claim."""

    MEMBERSHIP = "membership"
    COMMITMENT = "commitment"
    AGREEMENT = "agreement"
    MEETING = "meeting"


class MembershipAction(StrEnum):
    """What an actor does to an arrangement."""

    JOIN = "join"
    SIGN = "sign"
    LEAVE = "leave"


class Category(StrEnum):
    """What a commitment promises (a closed list; see docs/model.md for definitions)."""

    SECURITY_GUARANTEE = "security_guarantee"
    SECURITY_ASSISTANCE = "security_assistance"
    AIR_DEFENCE = "air_defence"
    MILITARY_TRAINING = "military_training"
    INTELLIGENCE_SHARING = "intelligence_sharing"
    DEFENCE_INDUSTRY = "defence_industry"
    CYBER_DEFENCE = "cyber_defence"
    ECONOMIC_SUPPORT = "economic_support"
    RECONSTRUCTION = "reconstruction"
    ENERGY_SECURITY = "energy_security"
    HUMANITARIAN = "humanitarian"
    MULTINATIONAL_FORCE = "multinational_force"
    CEASEFIRE_MONITORING = "ceasefire_monitoring"
    MARITIME_SECURITY = "maritime_security"
    CONSULTATION = "consultation"
    MUTUAL_DEFENCE = "mutual_defence"
    SANCTIONS = "sanctions"
    POLITICAL_SUPPORT = "political_support"


RESPONDS_TO_ATTACK = frozenset(
    {
        Category.CONSULTATION,
        Category.MUTUAL_DEFENCE,
        Category.SECURITY_GUARANTEE,
        Category.SECURITY_ASSISTANCE,
        Category.AIR_DEFENCE,
        Category.MULTINATIONAL_FORCE,
    }
)
"""Categories an armed attack turns into duties: the extractor gives only these an attack
as their condition, and the lifecycle triggers them whatever their own condition."""


class ConditionKind(StrEnum):
    """When a commitment applies: on activation or on a trigger."""

    NONE = "none"
    PEACE_AGREEMENT = "peace_agreement"
    CEASEFIRE = "ceasefire"
    ARMED_ATTACK = "armed_attack"
    OTHER = "other"


class Modality(StrEnum):
    """How firm a commitment is: committed, only intended, or ruled out."""

    COMMITTED = "committed"
    INTENDED = "intended"
    RULED_OUT = "ruled_out"


class ReviewStatus(StrEnum):
    """Where a claim stands in review."""

    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class Decision(StrEnum):
    """A reviewer's decision on a claim."""

    ACCEPT = "accept"
    REJECT = "reject"

    @property
    def status(self) -> ReviewStatus:
        """The review status a claim has after this decision."""
        return ReviewStatus.ACCEPTED if self is Decision.ACCEPT else ReviewStatus.REJECTED


class Role(StrEnum):
    """An office a person holds for a state or organisation."""

    HEAD_OF_STATE = "head_of_state"
    HEAD_OF_GOVERNMENT = "head_of_government"
    FOREIGN_MINISTER = "foreign_minister"
    DEFENCE_MINISTER = "defence_minister"
    SECRETARY_GENERAL = "secretary_general"
    COMMISSION_PRESIDENT = "commission_president"
    COUNCIL_PRESIDENT = "council_president"
    HIGH_REPRESENTATIVE = "high_representative"
