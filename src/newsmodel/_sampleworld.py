"""The fixed part of the generated sample: its site, continents, countries and capitals, named and
invented authors, the tag vocabulary (with the near-duplicate spellings real sites keep), and the
world of categories, authors and tags built from them with a seeded generator.

:mod:`newsmodel.sample` writes the articles of this world and re-exports :data:`SITE`.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator

from newsmodel._sampletext import TOPICS
from newsmodel.values.model import (
    Author,
    Category,
    Site,
    SocialProfile,
    Tag,
)
from newsmodel.values.slugs import SlugRegistry, slugify

#: The sample's site.  Its calendar starts weeks on Monday, as the seed page's does.
SITE = Site(
    name="Capital Cities",
    base_url="https://capitalcities.example",
    timezone="America/New_York",
    locale="en_US",
    week_start=0,
    description="News from the world's capital cities",
    language="en",
)

_WORLD: dict[str, list[tuple[str, str]]] = {
    "AFRICA": [
        ("Nigeria", "Abuja"),
        ("Kenya", "Nairobi"),
        ("Egypt", "Cairo"),
        ("South Africa", "Pretoria"),
        ("Ethiopia", "Addis Ababa"),
        ("Ghana", "Accra"),
        ("Morocco", "Rabat"),
        ("Senegal", "Dakar"),
    ],
    "AMERICA": [
        ("United States", "Washington"),
        ("Canada", "Ottawa"),
        ("Mexico", "Mexico City"),
        ("Brazil", "Brasília"),
        ("Argentina", "Buenos Aires"),
        ("Peru", "Lima"),
        ("Colombia", "Bogotá"),
        ("Chile", "Santiago"),
    ],
    "ASIA": [
        ("South Korea", "Seoul"),
        ("Japan", "Tokyo"),
        ("China", "Beijing"),
        ("India", "New Delhi"),
        ("Taiwan", "Taipei"),
        ("Singapore", "Singapore"),
        ("Indonesia", "Jakarta"),
        ("Vietnam", "Hanoi"),
        ("Thailand", "Bangkok"),
        ("Philippines", "Manila"),
        ("North Korea", "Pyongyang"),
    ],
    "EUROPE": [
        ("France", "Paris"),
        ("Germany", "Berlin"),
        ("United Kingdom", "London"),
        ("Italy", "Rome"),
        ("Spain", "Madrid"),
        ("Poland", "Warsaw"),
        ("Ukraine", "Kyiv"),
        ("Sweden", "Stockholm"),
    ],
    "MIDDLE EAST": [
        ("Israel", "Jerusalem"),
        ("Saudi Arabia", "Riyadh"),
        ("United Arab Emirates", "Abu Dhabi"),
        ("Iran", "Tehran"),
        ("Turkey", "Ankara"),
        ("Qatar", "Doha"),
        ("Jordan", "Amman"),
    ],
    "OCEANIA": [
        ("Australia", "Canberra"),
        ("New Zealand", "Wellington"),
        ("Fiji", "Suva"),
        ("Papua New Guinea", "Port Moresby"),
    ],
}

_NAMED_AUTHORS = [
    ("Victoria Jones", "A science journalist who makes complex topics accessible."),
    ("Charlotte Adams", "Covers food, culture and the cities that shape them."),
    ("Atticus Reed", "Writes on diplomacy and the politics of alliances."),
    ("Miles Cooper", "Reports on markets, trade and everyday prices."),
    ("Olivia Williams", "Follows defence, energy and the deals between capitals."),
    ("Ava Thompson", "An investigative reporter on courts and constitutions."),
]
_FIRST = [
    "James",
    "Emma",
    "Liam",
    "Sophia",
    "Noah",
    "Isabella",
    "Lucas",
    "Mia",
    "Ethan",
    "Amelia",
    "Mason",
    "Harper",
    "Logan",
    "Evelyn",
    "Elijah",
    "Abigail",
    "Oliver",
    "Emily",
    "Aiden",
    "Ella",
    "Caleb",
    "Grace",
    "Henry",
    "Chloe",
    "Samuel",
    "Zoe",
    "Leo",
    "Nora",
    "Owen",
    "Lily",
    "Julian",
    "Hannah",
]
_LAST = [
    "Smith",
    "Brown",
    "Garcia",
    "Miller",
    "Davis",
    "Wilson",
    "Moore",
    "Taylor",
    "Anderson",
    "Thomas",
    "Jackson",
    "White",
    "Harris",
    "Martin",
    "Clark",
    "Lewis",
    "Walker",
    "Hall",
    "Allen",
    "Young",
    "King",
    "Wright",
    "Scott",
    "Green",
    "Baker",
    "Nelson",
    "Carter",
    "Mitchell",
    "Perez",
    "Roberts",
]
_BEATS = (
    "politics",
    "urban planning",
    "climate and energy",
    "technology",
    "public health",
    "sport",
    "the arts",
    "business",
    "transport",
    "education",
)

_HEAD_TAGS = [
    "China",
    "Diplomacy",
    "International Relations",
    "Trump",
    "urban development",
    "news analysis",
    "economy",
    "political analysis",
    "regional stability",
    "tourism",
    "infrastructure",
    "public transport",
    "housing",
    "climate change",
    "elections",
    "trade",
    "culture",
    "technology",
    "security",
    "education",
]
# Pairs of spellings that slug alike: two tags (the second gets "-2"), as a WordPress site has them.
_NEAR_DUPLICATES = {
    "Kim Jong Un": "Kim Jong-un",
    "Peace Talks": "peace talks",
    "Asia-Pacific Relations": "Asia Pacific Relations",
    "e-commerce": "E-Commerce",
    "COVID-19": "Covid 19",
    "Middle East": "Middle-East",
}
_SEED_TAGS = [
    "2026",
    "Asia-Pacific Relations",
    "Cold War",
    "denuclearization",
    "Diplomacy",
    "geopolitical relations",
    "inter-Korean relations",
    "International Relations",
    "Kim Jong Un",
    "Kim Jong-un",
    "Korea Herald",
    "news analysis",
    "North Korea",
    "Peace Talks",
    "political analysis",
    "regional stability",
    "Seoul",
    "South Korea",
    "Summit",
    "Trump",
    "U.S. Foreign Policy",
]
_ADJ = [
    "coastal",
    "rural",
    "digital",
    "green",
    "public",
    "private",
    "regional",
    "national",
    "local",
    "historic",
    "modern",
    "civic",
    "cultural",
    "financial",
    "social",
    "maritime",
    "urban",
    "northern",
    "southern",
    "eastern",
    "western",
    "border",
    "suburban",
    "metropolitan",
]
_NOUN = [
    "infrastructure",
    "transit",
    "housing",
    "markets",
    "festivals",
    "elections",
    "courts",
    "schools",
    "hospitals",
    "parks",
    "museums",
    "ports",
    "airports",
    "railways",
    "bridges",
    "startups",
    "farms",
    "water",
    "energy",
    "budgets",
    "protests",
    "summits",
    "tariffs",
    "wages",
]
# Countries English names with "the" in running text.
_WITH_ARTICLE = frozenset({"United States", "United Kingdom", "Philippines", "United Arab Emirates"})


def _zipf_weights(n: int, s: float) -> list[float]:
    return [1.0 / (rank**s) for rank in range(1, n + 1)]


class _World:
    """The fixed part of the sample: site taxonomy, authors and tag vocabulary."""

    def __init__(self, rng: random.Random) -> None:
        self.categories: list[Category] = []
        self.cities: list[tuple[Category, Category]] = []  # (city, country)
        next_id = iter(range(2, 10_000))
        world = Category(id="1", slug="world", name="World", description="News from every continent")
        self.categories.append(world)
        for continent, countries in _WORLD.items():
            cont = Category(id=str(next(next_id)), slug=slugify(continent), name=continent, parent_id=world.id)
            self.categories.append(cont)
            for country, city in countries:
                ctry = Category(id=str(next(next_id)), slug=slugify(country), name=country, parent_id=cont.id)
                cty = Category(id=str(next(next_id)), slug=slugify(city), name=city, parent_id=ctry.id)
                self.categories += [ctry, cty]
                self.cities.append((cty, ctry))
        self.city_cum = list(itertools.accumulate(_zipf_weights(len(self.cities), 0.8)))
        # Seoul is the seed's city: give it the head of the distribution.
        seoul = next(i for i, (c, _) in enumerate(self.cities) if c.name == "Seoul")
        self.cities.insert(0, self.cities.pop(seoul))

        self.authors: list[Author] = []
        names = [n for n, _ in _NAMED_AUTHORS]
        bios = dict(_NAMED_AUTHORS)
        while len(names) < 40:
            name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
            if name not in names:
                names.append(name)
        for i, name in enumerate(names):
            slug = slugify(name)
            bio = bios.get(name) or f"{name.split()[0]} writes about {_BEATS[i % len(_BEATS)]} in the world's capitals."
            self.authors.append(
                Author(
                    id=str(100 + i),
                    slug=slug,
                    name=name,
                    bio=bio,
                    avatar_url=f"{SITE.base_url}/avatars/{slug}.jpg",
                    social=(SocialProfile(network="x", url=f"https://x.com/{slug.replace('-', '')}"),),
                )
            )
        self.author_cum = list(itertools.accumulate(_zipf_weights(len(self.authors), 0.6)))

        vocab: list[str] = list(_HEAD_TAGS)
        for extra in _SEED_TAGS + list(_NEAR_DUPLICATES):
            if extra not in vocab and extra not in _NEAR_DUPLICATES.values():
                vocab.append(extra)
        for adj in _ADJ:
            for noun in _NOUN:
                vocab.append(f"{adj} {noun}")
        self.vocab = vocab
        self.vocab_cum = list(itertools.accumulate(_zipf_weights(len(vocab), 1.0)))
        self.tags: list[Tag] = []
        self.tag_id: dict[str, str] = {}
        local = [f"{city.name} {noun}" for city, _ in self.cities for noun in _NOUN]
        names_all = (
            vocab
            + [n for n, _ in self._country_city_names()]
            + list(_NEAR_DUPLICATES.values())
            + local
            + [t.tag for t in TOPICS]
        )
        tag_slugs = SlugRegistry(reserved=())
        for i, name in enumerate(dict.fromkeys(names_all)):
            tag = Tag(id=str(5000 + i), slug=tag_slugs.claim(name), name=name)
            self.tags.append(tag)
            self.tag_id[name] = tag.id

    def _country_city_names(self) -> Iterator[tuple[str, None]]:
        for city, country in self.cities:
            yield country.name, None
            yield city.name, None


def _in_text(country: str) -> str:
    return f"the {country}" if country in _WITH_ARTICLE else country
