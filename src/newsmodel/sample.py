"""A deterministic sample corpus shaped like the seed site, "Capital Cities".

:func:`generate` builds a corpus from a seed: categories World › continent › country › capital
city, about 40 authors with bios, a Zipf-distributed tag vocabulary (a few tags on a quarter of
all posts, a long tail of rare ones) with near-duplicate spellings kept as two tags, as the
seed page and WordPress keep them ("Kim Jong Un" ``kim-jong-un`` and "Kim Jong-un"
``kim-jong-un-2``), about 1,000 articles a month ending on the seed page's "today", and
invented news that reads like news: each article has a topic (transport, housing, elections …)
and is written from that topic's headlines, sentences, headings and points about its city and
country (``newsmodel._sampletext``), with no headline twice in the bundled sample and a source
line crediting an invented publisher.  It always contains the seed page's article,
"Trump-Kim Summit Set for 2026, Leaving Seoul on the Sidelines".  Besides the posts it has the
seed page's header: nine static pages (kind ``page``: "About us", "Our Authors", "Contact Us" and
"Legal Pages", the parent of "Privacy Policy", "Terms of Use" and three more) and two menus, the
top bar of pages (theme location ``secondary``) and the main navigation of the six continents
(``primary``).

:func:`load_bundled` reads the small corpus shipped in the package (``generate(articles=3000)``).
The generator uses its own seeded random number generator: same arguments, same corpus.

>>> corpus = generate(articles=200)
>>> sum(a.kind == "post" for a in corpus.articles)  # two of them scheduled after SEED_AS_OF
200
>>> [a.title for a in corpus.articles if a.kind == "page"][:4]
['About us', 'Our Authors', 'Contact Us', 'Legal Pages']
>>> [(m.slug, m.locations) for m in corpus.menus]
[('top-menu', ('secondary',)), ('main-menu', ('primary',))]
>>> seed = corpus.article_by_slug(SEED_SLUG)
>>> [c.name for c in corpus.path(seed.primary_category_id)]
['World', 'ASIA', 'South Korea', 'Seoul']
>>> corpus.tag_by_slug("kim-jong-un").name, corpus.tag_by_slug("kim-jong-un-2").name
('Kim Jong Un', 'Kim Jong-un')
>>> story = corpus.articles[1]
>>> story.title
'Drought Forces Water Rationing in 39 Districts of Seoul'
>>> story.source.line
'Drought forces water rationing in 39 districts of Seoul – Atlas News Service'
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from newsmodel._sampletext import GENERAL, ORDINALS, PUBLISHERS, TOPICS, WEEKDAYS, Topic
from newsmodel._sampleworld import _NEAR_DUPLICATES, _NOUN, _SEED_TAGS, SITE, _in_text, _World
from newsmodel.values.body import Body, Heading, ListBlock, ListItem, Paragraph, Strong, Text
from newsmodel.values.builder import CorpusBuilder
from newsmodel.values.corpus import Corpus
from newsmodel.values.model import (
    Article,
    ArticleStatus,
    Byline,
    ContentKind,
    FeatureImage,
    Menu,
    MenuItem,
    MenuItemType,
    SourceAttribution,
)
from newsmodel.values.slugs import SlugRegistry, slugify

__all__ = [
    "BUNDLED_ARTICLES",
    "MENU_LOCATIONS",
    "PAGE_SLUGS",
    "SEED_AS_OF",
    "SEED_SLUG",
    "SITE",
    "generate",
    "iter_articles",
    "load_bundled",
]

_ZONE = ZoneInfo("America/New_York")

#: The seed page's "today": Thursday, January 15, 2026, at noon on the site's clock.
SEED_AS_OF = datetime(2026, 1, 15, 12, 0, tzinfo=_ZONE)
#: The slug of the seed page's article.
SEED_SLUG = "trump-kim-summit-set-for-2026-leaving-seoul-on-the-sidelines"
#: How many posts the bundled sample has (its nine static pages come on top).
BUNDLED_ARTICLES = 3000
SEED_HEADINGS = (
    "Prospects for a Trump-Kim Summit in 2026: Analyzing Global Geopolitical Shifts",
    "Seoul’s Dilemma: Navigating U.S.-North Korea Relations Amidst Rising Tensions",
    "Strategic Recommendations for South Korea: Enhancing Diplomatic Engagement and Regional Stability",
    "Closing Remarks",
)


def _p(text: str) -> Paragraph:
    return Paragraph(content=(Text(text=text),))


def _seed_body() -> Body:
    return Body(
        blocks=(
            _p(
                "A renewed summit between Donald Trump and Kim Jong-un appears to be gaining traction for 2026,"
                " while South Korea finds itself increasingly sidelined."
            ),
            Heading(level=2, content=(Text(text=SEED_HEADINGS[0]),)),
            _p("Several factors could influence the likelihood and success of such a meeting. Key considerations:"),
            ListBlock(
                items=tuple(
                    ListItem(blocks=(Paragraph(content=(Strong(children=(Text(text=k),)), Text(text=v))),))
                    for k, v in (
                        ("U.S. Domestic Politics: ", "the election cycle may alter the diplomatic stance."),
                        ("North Korea’s Strategic Needs: ", "isolation may make engagement attractive."),
                        ("China’s Influence: ", "Beijing’s role could shape negotiations."),
                    )
                )
            ),
            Heading(level=2, content=(Text(text=SEED_HEADINGS[1]),)),
            _p("Seoul worries that it remains outside talks that directly affect its national security."),
            Heading(level=2, content=(Text(text=SEED_HEADINGS[2]),)),
            _p("South Korea could strengthen trilateral ties with the United States and Japan."),
            Heading(level=2, content=(Text(text=SEED_HEADINGS[3]),)),
            _p("2026 may mark a pivotal moment for everyone involved on the Korean Peninsula."),
        )
    )


#: The static pages, as the seed page's top menu lists them: (slug, title, parent slug, body).
#: "Legal Pages" is the parent of the five legal pages, so their URLs nest under it.
_PAGES: tuple[tuple[str, str, str | None, str], ...] = (
    (
        "about-us",
        "About us",
        None,
        "Capital Cities reports the news of the world's capitals, from city halls and parliaments to"
        " markets, transport and culture, with correspondents on every continent.",
    ),
    (
        "our-authors",
        "Our Authors",
        None,
        "Our reporters and contributors live in the cities they write about. Each author's page"
        " lists their stories, newest first.",
    ),
    (
        "contact-us",
        "Contact Us",
        None,
        "Send news tips, corrections and letters to desk@capitalcities.example. We read every"
        " message and answer corrections within two working days.",
    ),
    (
        "legal-pages",
        "Legal Pages",
        None,
        "The terms and policies that apply when you read Capital Cities: privacy, terms of use,"
        " cookies, copyright notices and the rights of California residents.",
    ),
    (
        "privacy-policy",
        "Privacy Policy",
        "legal-pages",
        "We collect only what we need to run the site: anonymous visit counts and the messages you"
        " send us. We never sell personal data, and you may ask us to delete yours at any time.",
    ),
    (
        "terms-of-use",
        "Terms of Use",
        "legal-pages",
        "You may read, link to and quote our stories with credit to Capital Cities. Republishing a"
        " whole story needs our written permission.",
    ),
    (
        "cookie-privacy-policy",
        "Cookie Privacy Policy",
        "legal-pages",
        "The site sets one cookie to remember your consent choice and none for advertising. Your"
        " browser settings can remove it at any time.",
    ),
    (
        "dmca",
        "DMCA",
        "legal-pages",
        "If you believe a story or image on this site infringes your copyright, write to"
        " desk@capitalcities.example with the page's address and proof of ownership.",
    ),
    (
        "california-consumer-privacy-act-ccpa",
        "California Consumer Privacy Act (CCPA)",
        "legal-pages",
        "California residents may ask what personal information we hold about them and ask us to"
        " delete it; we do not sell personal information.",
    ),
)
#: The slugs of the sample's static pages (kind ``page``), in menu order.
PAGE_SLUGS = tuple(slug for slug, _, _, _ in _PAGES)
#: The theme locations of the sample's two menus: the top bar of pages ("secondary") and the
#: main navigation of continents ("primary"), as Twenty Fourteen's ``register_nav_menus`` names them.
MENU_LOCATIONS = ("secondary", "primary")
_PAGE_DATE = datetime(2023, 6, 1, 9, 0, tzinfo=_ZONE)


def _pages(author_id: str) -> tuple[Article, ...]:
    """The static pages: ids 11 up, in menu order, published when the site opened by
    ``author_id`` (a WordPress page always has an author)."""
    ids = {slug: str(11 + i) for i, slug in enumerate(PAGE_SLUGS)}
    order: dict[str | None, int] = {}
    pages = []
    for slug, title, parent, text in _PAGES:
        order[parent] = order.get(parent, 0) + 1
        pages.append(
            Article(
                id=ids[slug],
                slug=slug,
                title=title,
                kind=ContentKind.PAGE,
                parent_id=None if parent is None else ids[parent],
                menu_order=order[parent],
                body=Body(blocks=(_p(text),)),
                published=_local(_PAGE_DATE),
                bylines=(Byline(author_id=author_id),),
                language="en",
            )
        )
    return tuple(pages)


def _menus(pages: tuple[Article, ...], world: _World) -> tuple[Menu, Menu]:
    """The seed page's two menus: the top bar of pages (each item a page, the legal pages under
    "Legal Pages") and the main navigation of the continents (each item a category)."""
    by_id = {p.id: p for p in pages}
    item_of = {p.id: str(21 + i) for i, p in enumerate(pages)}
    top = Menu(
        id="9001",
        slug="top-menu",
        name="Top Menu",
        locations=(MENU_LOCATIONS[0],),
        items=tuple(
            MenuItem(
                id=item_of[p.id],
                type=MenuItemType.POST_TYPE,
                object=ContentKind.PAGE,
                object_id=p.id,
                parent_id=None if p.parent_id is None else item_of[by_id[p.parent_id].id],
                order=i + 1,
            )
            for i, p in enumerate(pages)
        ),
    )
    continents = [c for c in world.categories if c.parent_id == world.categories[0].id]
    main = Menu(
        id="9002",
        slug="main-menu",
        name="Main Menu",
        locations=(MENU_LOCATIONS[1],),
        items=tuple(
            MenuItem(
                id=str(41 + i),
                type=MenuItemType.TAXONOMY,
                object=MenuItemType.CATEGORY,
                object_id=c.id,
                order=i + 1,
            )
            for i, c in enumerate(continents)
        ),
    )
    return top, main


def _local(when: datetime) -> datetime:
    """``when`` on the site's clock with a fixed UTC offset, to the second.

    Arithmetic on zone-aware datetimes is wall-clock arithmetic, and times in the hour repeated at
    the end of daylight saving time compare unequal across zones; a fixed offset is what JSON keeps,
    so generated articles round-trip through the corpus file exactly.
    """
    utc = when.astimezone(timezone.utc).replace(microsecond=0)
    local = utc.astimezone(_ZONE)
    return local.replace(tzinfo=timezone(local.utcoffset() or timedelta(0)))


def _slots(rng: random.Random, city: str, country: str, countries: tuple[str, ...]) -> dict[str, str]:
    """The values an article's templates are filled with (see ``newsmodel._sampletext.SLOTS``)."""
    r = rng.random
    other = countries[int(r() * len(countries))]
    if other == country:
        other = countries[(countries.index(other) + 1) % len(countries)]
    named = _in_text(country)
    nth = ORDINALS[int(r() * len(ORDINALS))]
    return {
        "city": city,
        "city_s": f"{city}'s",
        "country": named,
        "country_s": f"{named}'" if named.endswith("s") else f"{named}'s",
        "other": _in_text(other),
        "day": WEEKDAYS[int(r() * 7)],
        "n": str(3 + int(r() * 37)),
        "m": str(2 + int(r() * 10)),
        "big": str(120 + int(r() * 861)),
        "pct": str(3 + int(r() * 37)),
        "year": str(2027 + int(r() * 9)),
        "hot": str(35 + int(r() * 12)),
        "turnout": str(41 + int(r() * 38)),
        "crowd": f"{(12 + int(r() * 969)) * 100:,}",
        "nth": nth,
        "Nth": nth.capitalize(),
    }


def _headline(rng: random.Random, topic: Topic, slots: dict[str, str]) -> tuple[str, str]:
    """A headline in sentence case, as the source wrote it, and in title case, as the site shows it."""
    i = int(rng.random() * len(topic.titles))
    text = topic.titles[i].format_map(slots)
    title = topic.title_templates[i].format_map(slots)
    return text[:1].upper() + text[1:], title[:1].upper() + title[1:]


def _body(rng: random.Random, topic: Topic, slots: dict[str, str], short: bool) -> Body:
    """A lede, then two to four sections of the topic's sentences and the general ones, and now and
    then a list of the topic's points: each sentence and each point used once."""
    sentences = topic.sentences
    if short:
        return Body(blocks=(_p(sentences[int(rng.random() * len(sentences))].format_map(slots)),))
    order = rng.sample(sentences, len(sentences))
    # The lede opens with a sentence that names the city, as a dateline would.
    first = next((i for i, t in enumerate(order) if "{city" in t), 0)
    order.insert(0, order.pop(first))
    pool = [t.format_map(slots) for t in order]
    pool += [t.format_map(slots) for t in rng.sample(GENERAL, len(GENERAL))]
    items = rng.sample(topic.items, len(topic.items))
    blocks: list[object] = [_p(" ".join(pool[:2]))]
    del pool[:2]
    for heading in rng.sample(topic.headings, rng.randint(2, 4)):
        if len(pool) < 2:
            break
        blocks.append(Heading(level=2, content=(Text(text=heading),)))
        for _ in range(rng.randint(1, 2)):
            take = min(rng.randint(2, 3), len(pool))
            if not take:
                break
            blocks.append(_p(" ".join(pool[:take])))
            del pool[:take]
        if rng.random() < 0.3 and len(items) >= 2:
            take = min(rng.randint(2, 4), len(items))
            blocks.append(ListBlock(items=tuple(ListItem(blocks=(_p(i.format_map(slots)),)) for i in items[:take])))
            del items[:take]
    return Body(blocks=tuple(blocks))


def iter_articles(world: _World, articles: int, seed: int, short_bodies: bool) -> Iterator[Article]:
    """The generated articles, newest first (the seed article among them)."""
    rng = random.Random(seed * 1_000_003 + 17)
    slugs = SlugRegistry([SEED_SLUG, *PAGE_SLUGS])
    span = timedelta(days=30.4 * articles / 1000)
    step = span / max(articles, 1)
    newest = SEED_AS_OF - timedelta(hours=2)
    seed_time = datetime(2025, 12, 16, 9, 14, tzinfo=_ZONE)
    seed_index = int((newest - seed_time) / step) if articles > 1 else 0
    seed_index = min(max(seed_index, 0), articles - 1)
    authors = world.authors
    city_range = range(len(world.cities))
    countries = tuple(country.name for _, country in world.cities)
    titles: set[str] = set()
    publisher_slugs = {p: slugify(p) for p in PUBLISHERS}
    for i in range(articles):
        article_id = str(1_000_000 + articles - i)
        if i == seed_index:
            yield _seed_article(world, article_id)
            continue
        when = _local(newest - step * i - timedelta(seconds=rng.randrange(int(step.total_seconds()) + 1)))
        ci = rng.choices(city_range, cum_weights=world.city_cum)[0]
        city, country = world.cities[ci]
        topic = TOPICS[int(rng.random() * len(TOPICS))]
        # A headline the site already has is drawn again (five times at most, then the title repeats
        # and its slug takes a suffix): a reader should not meet the same story twice.
        for _ in range(6):
            slots = _slots(rng, city.name, country.name, countries)
            headline, title = _headline(rng, topic, slots)
            if title not in titles:
                break
        titles.add(title)
        slug = slugs.claim(title)
        tag_names = [country.name, topic.tag]
        if rng.random() < 0.5:
            tag_names.append(city.name)
        for name in rng.choices(world.vocab, cum_weights=world.vocab_cum, k=rng.randint(1, 4)):
            tag_names.append(_NEAR_DUPLICATES[name] if name in _NEAR_DUPLICATES and rng.random() < 0.3 else name)
        if rng.random() < 0.35:
            tag_names.append(f"{city.name} {rng.choice(_NOUN)}")
        tag_ids = tuple(dict.fromkeys(world.tag_id[n] for n in tag_names))
        author = rng.choices(authors, cum_weights=world.author_cum)[0]
        bylines = [Byline(author_id=author.id)]
        if rng.random() < 0.1:
            other = rng.choice(authors)
            if other.id != author.id:
                bylines.append(Byline(author_id=other.id, role=rng.choice(("contributor", "photographer"))))
        roll = rng.random()
        status = ArticleStatus.PUBLISHED
        if roll < 0.004:
            status = ArticleStatus.DRAFT
        elif roll < 0.006:
            status = ArticleStatus.PRIVATE
        publisher = PUBLISHERS[int(rng.random() * len(PUBLISHERS))]
        yield Article(
            id=article_id,
            slug=slug,
            title=title,
            body=_body(rng, topic, slots, short_bodies),
            published=when,
            modified=when + timedelta(hours=rng.randint(0, 48)) if rng.random() < 0.2 else None,
            status=status,
            sticky=rng.random() < 0.001,
            bylines=tuple(bylines),
            category_ids=(city.id, country.id),
            primary_category_id=city.id,
            tag_ids=tag_ids,
            feature_image=FeatureImage(
                url=f"{SITE.base_url}/uploads/{when:%Y/%m}/{slug[:60]}.jpg", alt=f"{city.name}, {country.name}"
            ),
            language="en",
            source=SourceAttribution(
                headline=headline,
                publisher=publisher,
                url=f"https://news.example/{publisher_slugs[publisher]}/{article_id}",
            ),
        )


def _seed_article(world: _World, article_id: str) -> Article:
    seoul, korea = next((c, k) for c, k in world.cities if c.name == "Seoul")
    victoria = next(a for a in world.authors if a.name == "Victoria Jones")
    return Article(
        id=article_id,
        slug=SEED_SLUG,
        title="Trump-Kim Summit Set for 2026, Leaving Seoul on the Sidelines",
        body=_seed_body(),
        published=_local(datetime(2025, 12, 16, 9, 14, tzinfo=_ZONE)),
        bylines=(Byline(author_id=victoria.id),),
        category_ids=(seoul.id, korea.id),
        primary_category_id=seoul.id,
        tag_ids=tuple(dict.fromkeys(world.tag_id[n] for n in _SEED_TAGS)),
        feature_image=FeatureImage(url=f"{SITE.base_url}/uploads/2025/12/trump-kim-summit.jpg", alt="Seoul skyline"),
        language="en",
        source=SourceAttribution(
            headline="Trump-Kim summit likelier in 2026, with Seoul still left in cold",
            publisher="The Korea Herald",
            url="https://www.koreaherald.com/",
        ),
    )


def _scheduled(world: _World, seed: int) -> Iterator[Article]:
    """Two articles scheduled after the seed page's today: they must never appear in widgets."""
    for i in range(2):
        city, country = world.cities[i + 1]
        when = _local(SEED_AS_OF + timedelta(days=i + 1))
        yield Article(
            id=f"scheduled-{seed}-{i + 1}",
            slug=f"scheduled-preview-{i + 1}",
            title=f"Coming up in {city.name}",
            body=Body(blocks=(_p(f"A preview of next week in {city.name}."),)),
            published=when,
            status=ArticleStatus.SCHEDULED,
            bylines=(Byline(author_id=world.authors[i].id),),
            category_ids=(city.id, country.id),
            primary_category_id=city.id,
        )


def generate(*, articles: int = BUNDLED_ARTICLES, seed: int = 0, short_bodies: bool = False) -> Corpus:
    """A deterministic corpus of exactly ``articles`` posts: two of them (one when ``articles``
    is 2, none when it is 1) scheduled after :data:`SEED_AS_OF`, the seed article among the others.
    The site's static pages (:data:`PAGE_SLUGS`, kind ``page``) and its two menus come on top:
    ``articles`` counts posts, as the site's archives and feeds do, and the pages are part of
    the site like its categories and authors.

    ``short_bodies`` gives one-paragraph bodies (for million-article benchmarks).
    """
    if articles < 1:
        from newsmodel.values.errors import InvalidValue

        raise InvalidValue(f"generate: articles must be at least 1, got {articles!r}", value=articles)
    rng = random.Random(seed)
    world = _World(rng)
    builder = CorpusBuilder(SITE)
    for author in world.authors:
        builder.add_author(author)
    for category in world.categories:
        builder.add_category(category)
    for tag in world.tags:
        builder.add_tag(tag)
    scheduled = min(2, articles - 1)
    for article in iter_articles(world, articles - scheduled, seed, short_bodies):
        builder.add_article(article)
    for article in itertools.islice(_scheduled(world, seed), scheduled):
        builder.add_article(article)
    pages = _pages(world.authors[0].id)
    for page in pages:
        builder.add_article(page)
    for menu in _menus(pages, world):
        builder.add_menu(menu)
    return builder.build()


def load_bundled() -> Corpus:
    """The sample corpus shipped in the package (``generate(articles=3000)`` written to JSON Lines)."""
    from importlib import resources

    from newsmodel.serialize import read_corpus

    ref = resources.files("newsmodel") / "data" / "sample.jsonl.gz"
    with resources.as_file(ref) as path:
        corpus: Corpus = read_corpus(path)
    return corpus
