"""From what the engine found to claims: one small rule per claim type.

Each rule skips a sentence it cannot decide; it never guesses. Confidence grows with the
number of independent cues that agree.
"""

from __future__ import annotations

from pactwatch.extract.agreements import AgreementRules
from pactwatch.extract.commitments import CommitmentRules
from pactwatch.extract.earlier import EarlierAgreementRules
from pactwatch.extract.meetings import MeetingRules
from pactwatch.extract.membership import MembershipRules


class Builder(
    MembershipRules, AgreementRules, EarlierAgreementRules, CommitmentRules, MeetingRules
):
    """Builds the claims of one document, sentence by sentence."""
