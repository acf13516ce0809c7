"""A read-only WordPress REST API (``/wp-json/wp/v2/``) over a corpus: the subset headless
frontends and our own importer (:func:`newsmodel.io.wp.fetch.fetch_site`) use.

Routes: ``/wp-json/`` (the site's index: name, description, URL, time zone), and under
``/wp-json/wp/v2/`` the collections ``posts``, ``pages``, ``categories``, ``tags``, ``users``,
``media`` (the articles' feature images), ``comments`` (always empty) and ``search``, each
collection's items by id (``posts/<id>`` …).  Collections take ``page`` and ``per_page`` (1 to
100, as ``WP_REST_Controller::get_collection_params``), ``slug``, ``include``, ``search``,
``order``, ``orderby``, ``_embed``; posts also ``categories``, ``tags`` and ``author``, pages
``parent``.  Every other parameter is ignored, as WordPress ignores parameters it did not
register.  Errors are WordPress's JSON errors (``code``, ``message``, ``data.status``).

Ids: WordPress ids are positive integers; an id of the corpus that is one keeps its number,
any other is given the next free number of its table (articles and media share one, as posts and
attachments do in WordPress).

>>> from newsmodel.sample import SEED_AS_OF, generate
>>> from newsmodel.serve.site import SiteResponder
>>> api = RestApi(SiteResponder(generate(articles=30, short_bodies=True), as_of=SEED_AS_OF, search=False))
>>> reply = api.get("/wp-json/wp/v2/posts", {"per_page": "2"})
>>> reply.status, dict(reply.headers)["X-WP-Total"], len(json.loads(reply.body))
(200, '28', 2)
>>> json.loads(api.get("/wp-json/wp/v2/posts", {"per_page": "1000000"}).body)["code"]
'rest_invalid_param'
>>> json.loads(api.get("/wp-json/wp/v2/posts", {"page": "99"}).body)["code"]
'rest_post_invalid_page_number'
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from newsmodel.io._common import body_html
from newsmodel.pages.page import page_index
from newsmodel.serve.site import Reply, entity_tag
from newsmodel.values._validate import is_number
from newsmodel.values.errors import NewsModelError
from newsmodel.values.model import Article, Author, Category, ContentKind, Tag
from newsmodel.values.urls import author_url, tag_url

if TYPE_CHECKING:
    from newsmodel.serve.site import SiteResponder

__all__ = ["MAX_PER_PAGE", "RestApi"]

#: The largest ``per_page`` WordPress accepts (``WP_REST_Controller::get_collection_params``).
MAX_PER_PAGE = 100
JSON_TYPE = "application/json; charset=UTF-8"
Query = Mapping[str, str]


class _Error(Exception):
    def __init__(self, status: int, code: str, message: str, params: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.params = params


def _invalid(name: str, why: str) -> _Error:
    """WordPress's answer to a parameter its schema refuses (``rest_invalid_param``)."""
    return _Error(400, "rest_invalid_param", f"Invalid parameter(s): {name}", {name: why})


def _int(query: Query, name: str, default: int, low: int, high: int | None = None) -> int:
    text = query.get(name)
    if text is None or text == "":
        return default
    if not is_number(text.lstrip("-")) or len(text) > 18:
        raise _invalid(name, f"{name} is not of type integer.")
    value = int(text)
    if high is not None and not low <= value <= high:
        raise _invalid(name, f"{name} must be between {low} (inclusive) and {high} (inclusive)")
    if value < low:
        raise _invalid(name, f"{name} must be greater than or equal to {low}")
    return value


def _ids(query: Query, name: str) -> list[int] | None:
    """A list of ids (``1,2,3`` or one id), or None when the parameter is absent."""
    text = query.get(name)
    if text is None:
        return None
    out: list[int] = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        if not is_number(part) or len(part) > 18:
            raise _invalid(name, f"{name}[{len(out)}] is not of type integer.")
        out.append(int(part))
    return out


def _strings(query: Query, name: str) -> list[str] | None:
    text = query.get(name)
    return None if text is None else [p.strip() for p in text.split(",") if p.strip()]


def _numbering(ids: Iterable[str], start: int = 1) -> tuple[dict[str, int], dict[int, str]]:
    """WordPress numbers for ``ids``: a positive integer id keeps its number, others take the
    next free number at or after ``start``."""
    ids = list(ids)
    number: dict[str, int] = {}
    for i in ids:
        if is_number(i) and int(i) > 0 and str(int(i)) == i:
            number[i] = int(i)
    used = set(number.values())
    n = max([start - 1, *used]) + 1
    for i in ids:
        if i not in number:
            while n in used:
                n += 1
            number[i] = n
            used.add(n)
    return number, {v: k for k, v in number.items()}


def _local(when: datetime, zone: Any) -> str:
    return when.astimezone(zone).replace(tzinfo=None, microsecond=0).isoformat()


def _gmt(when: datetime) -> str:
    return when.astimezone(timezone.utc).replace(tzinfo=None, microsecond=0).isoformat()


class RestApi:
    """The REST API of the site a :class:`~newsmodel.serve.site.SiteResponder` serves (its
    corpus, its "now", its search index).  The id tables are built here, once."""

    def __init__(self, site: SiteResponder) -> None:
        self.site = site
        corpus = site.corpus
        self.corpus = corpus
        self.zone = corpus.site.zone or timezone.utc
        self.base = corpus.site.base_url
        self.pages = corpus.cached(page_index)
        public = [a for a in corpus.newest_first() if a.published is not None and a.is_public(site.as_of)]
        self.public = frozenset(a.id for a in public)
        self.posts: tuple[Article, ...] = tuple(a for a in public if a.kind == ContentKind.POST)
        self.static: tuple[Article, ...] = tuple(a for a in public if a.kind == ContentKind.PAGE)
        self.post_no, self.post_of = _numbering(a.id for a in corpus.articles)
        with_image = [a for a in public if a.feature_image is not None]
        first_media = max(self.post_no.values(), default=0) + 1
        self.media_no = {a.id: first_media + i for i, a in enumerate(with_image)}
        self.media_of = {n: a for a, n in zip(with_image, self.media_no.values(), strict=True)}
        self.media_list = tuple(with_image)
        self.cat_no, self.cat_of = _numbering(c.id for c in corpus.categories)
        self.tag_no, self.tag_of = _numbering(t.id for t in corpus.tags)
        self.user_no, self.user_of = _numbering(a.id for a in corpus.authors)
        self.counts: dict[tuple[str, str], int] = {}
        for a in self.posts:
            for cid in a.category_ids:
                self.counts["c", cid] = self.counts.get(("c", cid), 0) + 1
            for tid in a.tag_ids:
                self.counts["t", tid] = self.counts.get(("t", tid), 0) + 1

    # ------------------------------------------------------------------ dispatch

    def get(self, path: str, query: Query) -> Reply:
        """The answer to ``GET path?query`` (``path`` starts with ``/wp-json``)."""
        try:
            return self._route(path.rstrip("/") or "/", query)
        except _Error as exc:
            data: dict[str, Any] = {"status": exc.status}
            if exc.params is not None:
                data["params"] = exc.params
            return _json({"code": exc.code, "message": exc.message, "data": data}, status=exc.status)

    def _route(self, path: str, query: Query) -> Reply:
        if path == "/wp-json":
            return _json(self.index())
        prefix = "/wp-json/wp/v2"
        if path == prefix:
            return _json({"namespace": "wp/v2", "routes": self._routes()})
        if not path.startswith(prefix + "/"):
            raise _Error(404, "rest_no_route", "No route was found matching the URL and request method.")
        parts = path[len(prefix) + 1 :].split("/")
        collection = parts[0]
        collections: dict[str, tuple[Callable[[Query], tuple[Sequence[Any], bool]], Callable[[int, Query], Any]]] = {
            "posts": (lambda q: self._articles(self.posts, q, posts=True), self._post_item),
            "pages": (lambda q: self._articles(self.static, q, posts=False), self._page_item),
            "categories": (self._categories, self._category_item),
            "tags": (self._tags, self._tag_item),
            "users": (self._users, self._user_item),
            "media": (self._media, self._media_item),
            "comments": (lambda q: ([], False), self._no_comment),
        }
        if collection == "search" and len(parts) == 1:
            return self._search(query)
        if collection not in collections or len(parts) > 2:
            raise _Error(404, "rest_no_route", "No route was found matching the URL and request method.")
        listing, item = collections[collection]
        if len(parts) == 2:
            number = parts[1]
            if not is_number(number) or len(number) > 18:
                raise _Error(404, "rest_no_route", "No route was found matching the URL and request method.")
            return _json(item(int(number), query))
        page = _int(query, "page", 1, 1)
        per_page = _int(query, "per_page", 10, 1, MAX_PER_PAGE)
        found, is_posts = listing(query)
        return self._page_of(collection, found, page, per_page, query, posts_error=is_posts)

    def _page_of(
        self, collection: str, found: Sequence[Any], page: int, per_page: int, query: Query, *, posts_error: bool
    ) -> Reply:
        total = len(found)
        pages = -(-total // per_page)
        # WP_REST_Posts_Controller::get_items: a page past the last is an error when there are
        # posts at all; the terms and users controllers answer an empty list instead.
        if posts_error and page > pages and total > 0:
            raise _Error(
                400,
                "rest_post_invalid_page_number",
                "The page number requested is larger than the number of pages available.",
            )
        embed = "_embed" in query
        renderers: dict[str, Callable[[Any, bool], Any]] = {
            "posts": self._post,
            "pages": self._post,
            "categories": self._category,
            "tags": self._tag,
            "users": self._user,
            "media": self._media_object,
        }
        render = renderers.get(collection, _same)
        items = [render(x, embed) for x in found[(page - 1) * per_page : page * per_page]]
        headers = [("X-WP-Total", str(total)), ("X-WP-TotalPages", str(pages))]
        base = f"{self.base}/wp-json/wp/v2/{collection}"
        links = []
        params = {k: v for k, v in query.items() if k != "page"}
        if page > 1:
            links.append(f'<{base}?{urlencode({**params, "page": min(page - 1, max(pages, 1))})}>; rel="prev"')
        if pages > page:
            links.append(f'<{base}?{urlencode({**params, "page": page + 1})}>; rel="next"')
        if links:
            headers.append(("Link", ", ".join(links)))
        return _json(items, headers=tuple(headers))

    # ------------------------------------------------------------------ the index

    def index(self) -> dict[str, Any]:
        """``/wp-json/``: what the importer and frontends read of the site."""
        site = self.corpus.site
        offset = self.site.as_of.astimezone(self.zone).utcoffset()
        return {
            "name": site.name,
            "description": site.description or "",
            "url": self.base,
            "home": self.base,
            "gmt_offset": (offset.total_seconds() / 3600 if offset is not None else 0),
            "timezone_string": site.timezone if "/" in site.timezone or site.timezone == "UTC" else "",
            "namespaces": ["wp/v2"],
            "authentication": {},
            "routes": self._routes(),
        }

    def _routes(self) -> dict[str, Any]:
        names = ("posts", "pages", "categories", "tags", "users", "media", "comments", "search")
        return {f"/wp/v2/{n}": {"namespace": "wp/v2", "methods": ["GET"]} for n in names}

    # ------------------------------------------------------------------ articles

    def _articles(self, chosen: Sequence[Article], query: Query, *, posts: bool) -> tuple[Sequence[Any], bool]:
        found: Sequence[Article] = chosen
        slugs = _strings(query, "slug")
        if slugs is not None:
            kind = ContentKind.POST if posts else ContentKind.PAGE
            found = [
                a for a in (self._by_slug(s) for s in slugs) if a is not None and a.kind == kind and a.id in self.public
            ]
        include = _ids(query, "include")
        if include is not None:
            wanted = {self.post_of.get(n) for n in include}
            found = [a for a in found if a.id in wanted]
        if posts:
            narrowed = self._by_terms(query)
            if narrowed is not None:
                ids = {a.id for a in narrowed}
                found = narrowed if found is chosen else [a for a in found if a.id in ids]
        else:
            parents = _ids(query, "parent")
            if parents is not None:
                keep = {None if n == 0 else self.post_of.get(n) for n in parents}
                found = [a for a in found if a.parent_id in keep]
        words = query.get("search")
        if words:
            needle = words.casefold()
            found = [a for a in found if needle in a.title.casefold()]
        order = query.get("order", "desc")
        if order not in ("asc", "desc"):
            raise _invalid("order", "order is not one of desc and asc.")
        orderby = query.get("orderby", "date")
        keys: dict[str, Callable[[Article], Any]] = {
            "date": lambda a: (a.published, self.post_no[a.id]),
            "id": lambda a: self.post_no[a.id],
            "title": lambda a: a.title.casefold(),
            "slug": lambda a: a.slug,
            "modified": lambda a: (a.modified or a.published, self.post_no[a.id]),
        }
        if orderby not in keys:
            raise _invalid("orderby", f"orderby is not one of {', '.join(keys)}.")
        if orderby == "date" and order == "desc":
            return found, posts  # newest first already
        return sorted(found, key=keys[orderby], reverse=order == "desc"), posts

    def _by_terms(self, query: Query) -> list[Article] | None:
        """The public posts in any of the ``categories``, with any of the ``tags`` and by any of
        the ``author`` given (each parameter a list of ids; the given ones all apply), newest
        first; None when none is given.  Read from the corpus's groups by term and author, so the
        cost follows the posts named, not the corpus."""
        corpus = self.corpus
        groups: list[dict[str, Article]] = []
        lookups = (
            ("categories", self.cat_of, corpus.articles_by_category),
            ("tags", self.tag_of, corpus.articles_by_tag),
            ("author", self.user_of, corpus.articles_by_author),
        )
        for name, table, articles_of in lookups:
            numbers = _ids(query, name)
            if numbers is None:
                continue
            group: dict[str, Article] = {}
            for n in numbers:
                key = table.get(n)
                if key is not None:
                    group.update((a.id, a) for a in articles_of(key))
            groups.append(group)
        if not groups:
            return None
        groups.sort(key=len)
        first, others = groups[0], groups[1:]
        chosen = [
            a
            for a in first.values()
            if a.id in self.public and a.kind == ContentKind.POST and all(a.id in g for g in others)
        ]
        return sorted(chosen, key=lambda a: (a.published, a.id), reverse=True)

    def _by_slug(self, slug: str) -> Article | None:
        try:
            return self.corpus.article_by_slug(slug)
        except NewsModelError:
            return None

    def _article_by_number(self, number: int, kind: str) -> Article:
        aid = self.post_of.get(number)
        article = None if aid is None else self.corpus.article(aid)
        if article is None or article.kind != kind or article.id not in self.public:
            raise _Error(404, "rest_post_invalid_id", "Invalid post ID.")
        return article

    def _post_item(self, number: int, query: Query) -> dict[str, Any]:
        return self._post(self._article_by_number(number, ContentKind.POST), "_embed" in query)

    def _page_item(self, number: int, query: Query) -> dict[str, Any]:
        return self._post(self._article_by_number(number, ContentKind.PAGE), "_embed" in query)

    def _post(self, article: Article, embed: bool) -> dict[str, Any]:
        """A post or page as ``WP_REST_Posts_Controller::prepare_item_for_response`` shapes it
        (the ``view`` context)."""
        assert article.published is not None
        number = self.post_no[article.id]
        link = self.pages.article_url(article)
        protected = article.is_protected
        content = "" if protected else body_html(article.body)
        excerpt = "" if protected or not article.excerpt else f"<p>{html.escape(article.excerpt, quote=False)}</p>\n"
        modified = article.modified or article.published
        out: dict[str, Any] = {
            "id": number,
            "date": _local(article.published, self.zone),
            "date_gmt": _gmt(article.published),
            "guid": {"rendered": f"{self.base}/?p={number}"},
            "modified": _local(modified, self.zone),
            "modified_gmt": _gmt(modified),
            "slug": article.slug,
            "status": "publish",
            "type": "page" if article.kind == ContentKind.PAGE else "post",
            "link": link,
            "title": {"rendered": article.title_html or html.escape(article.title, quote=False)},
            "content": {"rendered": content, "protected": protected},
            "excerpt": {"rendered": excerpt, "protected": protected},
            "author": self.user_no[article.author_ids[0]] if article.author_ids else 0,
            "featured_media": self.media_no.get(article.id, 0),
        }
        if article.kind == ContentKind.PAGE:
            out["parent"] = self.post_no[article.parent_id] if article.parent_id else 0
            out["menu_order"] = article.menu_order
        else:
            out["sticky"] = article.sticky
            out["format"] = article.format or "standard"
            out["categories"] = [self.cat_no[c] for c in article.category_ids]
            out["tags"] = [self.tag_no[t] for t in article.tag_ids]
        kind = "pages" if article.kind == ContentKind.PAGE else "posts"
        out["_links"] = {"self": [{"href": f"{self.base}/wp-json/wp/v2/{kind}/{number}"}]}
        if embed:
            embedded: dict[str, Any] = {}
            if article.author_ids:
                embedded["author"] = [self._user(self.corpus.author(article.author_ids[0]), False)]
            if article.id in self.media_no:
                embedded["wp:featuredmedia"] = [self._media_object(article, False)]
            if article.kind == ContentKind.POST:
                embedded["wp:term"] = [
                    [self._category(self.corpus.category(c), False) for c in article.category_ids],
                    [self._tag(self.corpus.tag(t), False) for t in article.tag_ids],
                ]
            out["_embedded"] = embedded
        return out

    # ------------------------------------------------------------------ media

    def _media(self, query: Query) -> tuple[Sequence[Any], bool]:
        return self.media_list, True

    def _media_item(self, number: int, query: Query) -> dict[str, Any]:
        article = self.media_of.get(number)
        if article is None:
            raise _Error(404, "rest_post_invalid_id", "Invalid post ID.")
        return self._media_object(article, False)

    def _media_object(self, article: Article, embed: bool) -> dict[str, Any]:
        image = article.feature_image
        assert image is not None and article.published is not None
        details: dict[str, Any] = {}
        if image.width is not None:
            details["width"] = image.width
        if image.height is not None:
            details["height"] = image.height
        number = self.media_no[article.id]
        return {
            "id": number,
            "date": _local(article.published, self.zone),
            "date_gmt": _gmt(article.published),
            "slug": f"{article.slug}-image",
            "type": "attachment",
            "link": image.url,
            "title": {"rendered": html.escape(image.alt or article.title, quote=False)},
            "author": self.user_no[article.author_ids[0]] if article.author_ids else 0,
            "caption": {"rendered": f"<p>{html.escape(image.caption, quote=False)}</p>\n" if image.caption else ""},
            "alt_text": image.alt or "",
            "media_type": "image",
            "media_details": details,
            "post": self.post_no[article.id],
            "source_url": image.url,
        }

    def _no_comment(self, number: int, query: Query) -> dict[str, Any]:
        raise _Error(404, "rest_comment_invalid_id", "Invalid comment ID.")

    # ------------------------------------------------------------------ terms and users

    def _terms(self, items: Sequence[Any], query: Query, numbers: Mapping[str, int]) -> list[Any]:
        found = list(items)
        slugs = _strings(query, "slug")
        if slugs is not None:
            found = [x for x in found if x.slug in slugs]
        include = _ids(query, "include")
        if include is not None:
            wanted = set(include)
            found = [x for x in found if numbers[x.id] in wanted]
        words = query.get("search")
        if words:
            found = [x for x in found if words.casefold() in x.name.casefold()]
        if "hide_empty" in query and query["hide_empty"] in ("1", "true"):
            kind = "c" if numbers is self.cat_no else "t"
            found = [x for x in found if self.counts.get((kind, x.id), 0)]
        order = query.get("order", "asc")
        if order not in ("asc", "desc"):
            raise _invalid("order", "order is not one of asc and desc.")
        orderby = query.get("orderby", "name")
        keys: dict[str, Callable[[Any], Any]] = {
            "name": lambda x: (x.name.casefold(), numbers[x.id]),
            "id": lambda x: numbers[x.id],
            "slug": lambda x: x.slug,
            "include": lambda x: numbers[x.id],
        }
        if orderby not in keys:
            raise _invalid("orderby", f"orderby is not one of {', '.join(keys)}.")
        return sorted(found, key=keys[orderby], reverse=order == "desc")

    def _categories(self, query: Query) -> tuple[Sequence[Any], bool]:
        found = self._terms(self.corpus.categories, query, self.cat_no)
        parents = _ids(query, "parent")
        if parents is not None:
            keep = {None if n == 0 else self.cat_of.get(n) for n in parents}
            found = [c for c in found if c.parent_id in keep]
        return found, False

    def _tags(self, query: Query) -> tuple[Sequence[Any], bool]:
        return self._terms(self.corpus.tags, query, self.tag_no), False

    def _users(self, query: Query) -> tuple[Sequence[Any], bool]:
        return self._terms(self.corpus.authors, query, self.user_no), False

    def _category_item(self, number: int, query: Query) -> dict[str, Any]:
        cid = self.cat_of.get(number)
        if cid is None:
            raise _Error(404, "rest_term_invalid", "Term does not exist.")
        return self._category(self.corpus.category(cid), False)

    def _tag_item(self, number: int, query: Query) -> dict[str, Any]:
        tid = self.tag_of.get(number)
        if tid is None:
            raise _Error(404, "rest_term_invalid", "Term does not exist.")
        return self._tag(self.corpus.tag(tid), False)

    def _user_item(self, number: int, query: Query) -> dict[str, Any]:
        uid = self.user_of.get(number)
        if uid is None:
            raise _Error(404, "rest_user_invalid_id", "Invalid user ID.")
        return self._user(self.corpus.author(uid), False)

    def _category(self, category: Category, embed: bool) -> dict[str, Any]:
        number = self.cat_no[category.id]
        return {
            "id": number,
            "count": self.counts.get(("c", category.id), 0),
            "description": category.description or "",
            "link": self.pages.taxonomy.link(category.id).url,
            # WordPress stores and serves a term's name HTML-escaped (pre_term_name)
            "name": html.escape(category.name, quote=False),
            "slug": category.slug,
            "taxonomy": "category",
            "parent": self.cat_no[category.parent_id] if category.parent_id else 0,
            "_links": {"self": [{"href": f"{self.base}/wp-json/wp/v2/categories/{number}"}]},
        }

    def _tag(self, tag: Tag, embed: bool) -> dict[str, Any]:
        number = self.tag_no[tag.id]
        return {
            "id": number,
            "count": self.counts.get(("t", tag.id), 0),
            "description": tag.description or "",
            "link": tag_url(self.corpus.site, tag),
            "name": html.escape(tag.name, quote=False),
            "slug": tag.slug,
            "taxonomy": "post_tag",
            "_links": {"self": [{"href": f"{self.base}/wp-json/wp/v2/tags/{number}"}]},
        }

    def _user(self, author: Author, embed: bool) -> dict[str, Any]:
        number = self.user_no[author.id]
        out: dict[str, Any] = {
            "id": number,
            "name": author.name,
            "url": author.website or "",
            "description": author.bio or "",
            "link": author_url(self.corpus.site, author),
            "slug": author.slug,
            "avatar_urls": {"96": author.avatar_url} if author.avatar_url else {},
            "_links": {"self": [{"href": f"{self.base}/wp-json/wp/v2/users/{number}"}]},
        }
        return out

    # ------------------------------------------------------------------ search

    def _search(self, query: Query) -> Reply:
        """``/wp/v2/search`` (``WP_REST_Search_Controller``): posts matching ``search``, best first."""
        page = _int(query, "page", 1, 1)
        per_page = _int(query, "per_page", 10, 1, MAX_PER_PAGE)
        words = (query.get("search") or "").strip()
        index = self.site.index
        if not words or index is None:
            return self._page_of("search", [], page, per_page, query, posts_error=True)
        try:
            results = index.search(words, as_of=self.site.as_of, page=1, per_page=1)
            total = results.total
            if total and page > -(-total // per_page):
                return self._page_of("search", [None] * total, page, per_page, query, posts_error=True)
            hits = index.search(words, as_of=self.site.as_of, page=page, per_page=per_page).hits if total else ()
        except NewsModelError as exc:
            raise _invalid("search", str(exc)) from None
        embed = "_embed" in query
        items = []
        for hit in hits:
            article = self.corpus.article(hit.article_id)
            number = self.post_no[article.id]
            kind = "page" if article.kind == ContentKind.PAGE else "post"
            item: dict[str, Any] = {
                "id": number,
                "title": article.title_html or html.escape(article.title, quote=False),
                "url": self.pages.article_url(article),
                "type": "post",
                "subtype": kind,
                "_links": {"self": [{"embeddable": True, "href": f"{self.base}/wp-json/wp/v2/{kind}s/{number}"}]},
            }
            if embed:
                item["_embedded"] = {"self": [self._post(article, False)]}
            items.append(item)
        pages = -(-total // per_page)
        headers = (("X-WP-Total", str(total)), ("X-WP-TotalPages", str(pages)))
        return _json(items, headers=headers)


def _same(value: Any, embed: bool) -> Any:
    return value


def _json(value: Any, *, status: int = 200, headers: tuple[tuple[str, str], ...] = ()) -> Reply:
    body = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Reply(status=status, media_type=JSON_TYPE, body=body, etag=entity_tag(body), headers=headers)
