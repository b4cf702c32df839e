"""Hypothesis strategies for hostile inputs: bytes, near-articles, JSON values, scenario parts."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

FUZZ = settings(
    max_examples=int(os.environ.get("PACTWATCH_FUZZ_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
"""Modest: each fuzz test stays within seconds (the suite runs on 2 cores); set
PACTWATCH_FUZZ_EXAMPLES=5000 for a deep run."""

WORDS = (
    "Canada",
    "Ukraine",
    "Britain",
    "France",
    "Poland",
    "Finland",
    "NATO",
    "Mark Carney",
    "the prime minister",
    "Coalition of the Willing",
    "G7 joint declaration",
    "Paris",
    "Kyiv",
    "joined",
    "signed",
    "left",
    "pledged",
    "will",
    "would",
    "not",
    "ruled out",
    "troops",
    "air defence",
    "training",
    "intelligence",
    "security guarantees",
    "after a peace agreement",
    "ceasefire",
    "if Russia attacks",
    "$5bn",
    "ten-year",
    "on Tuesday",
    "2026-01-06",
    "January 6",
    "met",
    "agreement",
    "the country",
    "it",
    "signatories",
    "among",
    "Who signed?",
    "and",
    "with",
    "to",
    ",",
    ".",
    ";",
    ":",
    "-",
    "\u2014",
    "(",
    ")",
    '"',
    "\u201c",
    "\n",
    "\n\n",
    "\u2028",
    "\u00a0",
    "\t",
    "\u0301",
    "\U0001f1fa\U0001f1e6",
    "\x00",
    "é",
    "İ",
)
"""Words the rules react to, mixed with punctuation, odd white space and odd characters."""

SUBJECTS = (
    "Canada",
    "Britain and Ukraine",
    "France, Germany and Poland",
    "Finland",
    "Mark Carney",
    "the Canadian prime minister",
    "Greece",
    "Italy",
    "Australia",
    "The country",
    "It",
)
VERBS = (
    "has formally joined",
    "signed",
    "will leave",
    "pledged to send",
    "ruled out sending",
    "is ready to provide",
    "would consider",
    "agreed to share",
    "met",
    "has signed on to",
    "commits to consult",
    "sealed",
)
OBJECTS = (
    "the Coalition of the Willing",
    "NATO",
    "the G7 joint declaration of support for Ukraine",
    "troops to Ukraine",
    "air defence systems to Ukraine",
    "intelligence with Ukraine",
    "a ten-year security agreement",
    "$5bn in military aid to Ukraine",
    "Mark Rutte",
    "a defence pact",
    "Ukraine within 24 hours",
)
TAILS = (
    "",
    "after a peace agreement",
    "if Russia launches a new armed attack",
    "in Paris",
    "on Tuesday",
    "on 6 January 2026",
    "once a ceasefire holds",
    "in Kyiv on Friday",
)
ENDS = (".", ". ", ".\n", "\n\n", "!", "?", ";", ",", "", " \u2014 ")
sentences = st.tuples(
    st.sampled_from(SUBJECTS),
    st.sampled_from(VERBS),
    st.sampled_from(OBJECTS),
    st.sampled_from(TAILS),
    st.lists(st.sampled_from(WORDS), max_size=3).map(" ".join),
    st.sampled_from(ENDS),
).map(lambda parts: " ".join(parts[:5]).strip() + parts[5])
near_articles = st.lists(
    sentences | st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join), max_size=60
).map(" ".join)
"""Texts of claim-shaped sentences among cue words and odd characters: they reach the claim
rules, unlike random unicode."""

any_text = st.text(max_size=3000)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
"""Any JSON value (floats include NaN and infinities, which json.dumps writes too)."""
