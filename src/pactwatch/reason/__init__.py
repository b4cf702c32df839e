"""Reasoning over the ledger: rosters now; lifecycles and scenarios to come."""

from pactwatch.reason.roster import Member, fold_memberships, roster

__all__ = ["Member", "fold_memberships", "roster"]
