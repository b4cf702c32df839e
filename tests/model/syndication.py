"""A generated syndication set: wire stories of our own words reprinted, lightly re-edited,
under many URLs, and other write-ups of the same events in other words, which must stay
apart. Deterministic for a seed."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass

STORIES: dict[str, list[str]] = {
    "uk-ukraine": [
        "The United Kingdom and Ukraine signed an agreement on security cooperation in Kyiv on "
        "12 January 2024. Prime Minister Rishi Sunak and President Volodymyr Zelensky put "
        "their names to the document during a visit that had not been announced in advance.",
        "Under the agreement, which runs for ten years, the United Kingdom undertakes to "
        "provide Ukraine with swift and sustained security assistance, modern military "
        "equipment and training for its armed forces. Britain also said it would increase its "
        "military funding for Ukraine to 2.5 billion pounds for the 2024 to 2025 financial year.",
        "The text provides that in the event of a future armed attack by Russia the two "
        "countries will consult within twenty four hours to determine the measures needed to "
        "counter or deter the aggression. Officials stressed that the document does not amount "
        "to a mutual defence treaty of the kind that binds members of the North Atlantic "
        "alliance.",
        "Kyiv described the accord as the first of a series of bilateral arrangements promised "
        "by the Group of Seven at the Vilnius summit in July 2023. Germany and France signed "
        "similar agreements with Ukraine the following month.",
        "Ukrainian officials said the agreement would remain in force until Ukraine joins the "
        "alliance, at which point the parties would decide on its future.",
    ],
    "aukus": [
        "Australia, the United Kingdom and the United States announced a new trilateral "
        "security partnership on 15 September 2021. The arrangement, known by the initials of "
        "its three members, was unveiled in a joint virtual appearance by the three leaders.",
        "The first initiative under the partnership is to help Australia acquire a fleet of "
        "conventionally armed, nuclear powered submarines. Canberra cancelled a contract with "
        "a French shipbuilder for diesel electric boats on the same day, which drew a sharp "
        "protest from Paris.",
        "In March 2023 the leaders met in San Diego and set out an optimal pathway for the "
        "programme. Australia is to buy several Virginia class submarines from the United "
        "States in the early 2030s while a new class of boat is designed jointly and built in "
        "Britain and Australia.",
        "A second pillar of the partnership covers advanced capabilities such as artificial "
        "intelligence, quantum technologies, hypersonic weapons and undersea systems. The "
        "three governments say the submarines will not carry nuclear weapons.",
    ],
    "nordic-nato": [
        "Finland became the thirty first member of the North Atlantic Treaty Organization on "
        "4 April 2023, when its instrument of accession was deposited with the government of "
        "the United States in Brussels. The Finnish flag was raised outside the alliance "
        "headquarters the same afternoon.",
        "Finland and Sweden had applied together in May 2022, abandoning decades of military "
        "non alignment after the full scale Russian invasion of Ukraine. Finland shares a land "
        "border of about 1,340 kilometres with Russia.",
        "Sweden followed on 7 March 2024 and became the thirty second member after Turkey and "
        "Hungary completed their ratifications. Members are bound by the collective defence "
        "clause of Article 5 of the Washington Treaty, under which an armed attack against one "
        "is considered an attack against them all.",
        "Both countries had taken part in alliance exercises for many years as partners before "
        "their accession, and their forces were already closely integrated with those of the "
        "allies in the Baltic Sea region.",
    ],
    "japan-philippines": [
        "Japan and the Philippines signed a reciprocal access agreement in Manila on 8 July "
        "2024. The pact allows each country to deploy troops on the territory of the other for "
        "joint training, exercises and disaster relief operations.",
        "Japanese Foreign Minister Yoko Kamikawa and Defence Minister Minoru Kihara signed for "
        "Tokyo, and Philippine Defence Secretary Gilberto Teodoro signed for Manila, in a "
        "ceremony witnessed by President Ferdinand Marcos Jr.",
        "It was the first agreement of its kind that Japan concluded with a country in Asia, "
        "after similar agreements with Australia and the United Kingdom. The agreement needed "
        "to be ratified by the parliament of Japan and by the Senate of the Philippines before "
        "entering into force.",
        "Both governments said the pact would strengthen cooperation among allies of the United "
        "States in the region at a time of repeated confrontations with Chinese vessels in the "
        "South China Sea.",
    ],
}
"""Wire stories: each is reprinted, lightly re-edited, under many URLs."""

RETOLD: dict[str, list[str]] = {
    "uk-ukraine": [
        "Rishi Sunak travelled to Kyiv on Friday, 12 January 2024, and left with a signed "
        "security pact. Britain promised a decade of help to Ukraine's military, from weapons "
        "deliveries to training programmes.",
        "London will spend 2.5 billion pounds on military aid to Kyiv in the coming financial "
        "year, an increase on the two previous years. Should Russian forces attack again, the "
        "governments are to hold talks within a day on how to respond.",
        "This is not a promise to defend Ukraine with British troops, diplomats cautioned, and "
        "it falls short of what alliance membership would bring. Zelensky called the text a "
        "historic step and said other partners would follow Britain's lead soon, as pledged by "
        "the G7 leaders in Lithuania the previous summer.",
    ],
    "aukus": [
        "In a surprise move on 15 September 2021, Washington, London and Canberra revealed a "
        "three way defence pact whose centrepiece is a plan to equip the Australian navy with "
        "submarines driven by nuclear reactors. France, which lost a multibillion deal to "
        "supply diesel boats, recalled its ambassadors in protest.",
        "Eighteen months later at a naval base in California, President Biden, Prime Minister "
        "Albanese and Prime Minister Sunak explained the timetable: American Virginia boats "
        "first, then a jointly designed design built in Adelaide and Barrow in Furness.",
        "Cooperation on cyber, artificial intelligence and hypersonics forms the other strand "
        "of the pact. None of the boats will be armed with nuclear warheads, officials insist.",
    ],
    "nordic-nato": [
        "Helsinki joined the Western military alliance on a Tuesday in April 2023, ending its "
        "long tradition of staying out of blocs. With its entry the alliance doubled the length "
        "of its frontier with Russia, since the Finnish border runs for roughly 1,300 km.",
        "Stockholm, which had applied at the same moment in 2022, had to wait almost another "
        "year for Ankara and Budapest to ratify. Its flag went up in Brussels in March 2024, "
        "making it the 32nd ally. Both newcomers now enjoy the mutual defence guarantee of "
        "Article 5.",
        "Military planners say the accession turns the Baltic into an almost entirely allied "
        "sea, easing the reinforcement of Estonia, Latvia and Lithuania in a crisis.",
    ],
}
"""The same events told again in other words: same facts, other stories."""

HEADLINES = ["UPDATE 1", "UPDATE 2", "Analysis", "World", "Defence", "Breaking", "Security"]
DATELINES = ["KYIV (Reuters) -", "LONDON (AP) -", "MANILA (AFP) -", "BRUSSELS -", "(dpa) -", ""]
CREDITS = [
    "Reporting by wire staff; editing by the world desk.",
    "This story was provided by a news agency and has not been edited by our staff.",
    "Additional reporting by our correspondents.",
]
BOILERPLATE = [
    "Read more: the latest news on security and defence.",
    "Sign up for our daily newsletter to get the top stories in your inbox.",
    "Follow us on social media for updates. Share this article.",
    "Advertisement",
]
SYNONYMS = {"said": "says", "signed": "inked", "agreement": "accord", "first": "initial"}


@dataclass(frozen=True, slots=True)
class Item:
    """One generated document: its URL, text and the story it was made from."""

    url: str
    text: str
    story: str

    @property
    def id(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()


def reprint(paragraphs: list[str], rng: random.Random, title: str) -> str:
    """One light re-edit of a wire story, as a site reprinting it would make."""
    parts = list(paragraphs)
    if rng.random() < 0.5 and len(parts) > 3:  # a paragraph moved
        i = rng.randrange(1, len(parts) - 1)
        parts[i], parts[i + 1] = parts[i + 1], parts[i]
    sentences = parts[-1].split(". ")
    cut = rng.randint(0, min(2, len(sentences) - 1))  # the end trimmed
    parts[-1] = ". ".join(sentences[: len(sentences) - cut])
    if rng.random() < 0.3:
        parts.pop()
    body = "\n\n".join(parts)
    for word, other in SYNONYMS.items():
        if rng.random() < 0.3:
            body = body.replace(f" {word} ", f" {other} ", 1)
    head = f"{rng.choice(HEADLINES)}: {title} {rng.randint(1, 99)}"
    lines = [head, f"{rng.choice(DATELINES)} {body}"]
    if rng.random() < 0.6:
        lines.append(rng.choice(CREDITS))
    lines += rng.sample(BOILERPLATE, rng.randint(0, 2))
    return "\n\n".join(lines)


def syndicated(copies: int = 30, seed: int = 13) -> list[Item]:
    """Every wire story under ``copies`` URLs (lightly re-edited), and each retold event once
    (its own story)."""
    rng = random.Random(seed)
    found = []
    for story, paragraphs in STORIES.items():
        for n in range(copies):
            text = reprint(paragraphs, rng, story.replace("-", " ").title())
            found.append(Item(url=f"https://site{n}.example/{story}", text=text, story=story))
    for story, paragraphs in RETOLD.items():
        text = "\n\n".join(paragraphs)
        found.append(Item(url=f"https://other.example/{story}", text=text, story=f"{story}-retold"))
    return found


def pairs_quality(items: list[Item], stories: dict[str, str]) -> tuple[float, float]:
    """Precision and recall of 'same story' over all pairs of items, against ``stories``
    (document id -> story found)."""
    true = found = both = 0
    for i, first in enumerate(items):
        for second in items[i + 1 :]:
            gold = first.story == second.story
            guess = stories[first.id] == stories[second.id]
            true += gold
            found += guess
            both += gold and guess
    return (both / found if found else 1.0, both / true if true else 1.0)
