"""HTML for the calendar, archives and tag cloud, with WordPress's markup.

The output is what WordPress 6.8 prints for ``get_calendar()``, ``wp_get_archives()`` and
``wp_tag_cloud()`` (same elements, classes, ids, attributes and entities), so an existing
theme's CSS styles it unchanged.  All text is escaped.  Links are the ``url`` fields the
widgets of a page carry (:mod:`newsmodel.widgets.sidebar`); a widget made without a site has none, and
its links then come from :mod:`newsmodel.values.urls` and ``site``; with neither (as in a notebook)
links are left out, and so is a link whose URL :func:`~newsmodel.values.safeurl.is_safe_url` refuses
(a base URL that got around the model's validators).

>>> from datetime import date
>>> from newsmodel.widgets.archives import ArchivePeriod
>>> from newsmodel.values.model import Site
>>> site = Site(name="S", base_url="https://example.org")
>>> may = ArchivePeriod(period="monthly", key="2025-05", start=date(2025, 5, 1), end=date(2025, 5, 31),
...                     label="May 2025", count=1)
>>> archives_html([may], site, show_post_count=True).strip()
"<li><a href='https://example.org/2025/05/'>May 2025</a>&nbsp;(1)</li>"
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Literal

from newsmodel.values.dates import format_date, month_name, weekday_names
from newsmodel.values.errors import InvalidValue
from newsmodel.values.model import Site
from newsmodel.values.safeurl import WEB_SCHEMES, is_safe_url
from newsmodel.values.urls import archive_url, day_url, month_url, tag_url
from newsmodel.views.labels import translation
from newsmodel.widgets.archives import ArchivePeriod
from newsmodel.widgets.calendar import MonthCalendar
from newsmodel.widgets.tagcloud import TagCloud

__all__ = ["archives_html", "calendar_html", "esc", "esc_url", "tag_cloud_html"]

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#039;"})


def esc(text: str) -> str:
    """Escape text for HTML content and attributes, as WordPress's ``esc_html``/``esc_attr``.

    >>> esc('Kim "Jong" <Un> & O\\'Brien')
    'Kim &quot;Jong&quot; &lt;Un&gt; &amp; O&#039;Brien'
    """
    return text.translate(_ESCAPES)


def esc_url(url: str) -> str:
    """A URL for an HTML attribute, as WordPress prints it (``&`` → ``&#038;``, ``'`` → ``&#039;``).

    >>> esc_url("https://example.org/?m=2026&w=1")
    'https://example.org/?m=2026&#038;w=1'
    """
    return (
        url.replace("&", "&#038;").replace("'", "&#039;").replace('"', "&quot;").replace("<", "%3C").replace(">", "%3E")
    )


def _href(site: Site | None, url: Callable[[Site], str], given: str | None = None) -> str | None:
    """The escaped URL for an attribute: ``given`` (the widget's own), else ``url(site)``; None
    without either, or for an unsafe URL."""
    if given is not None:
        value = given
    elif site is None:
        return None
    else:
        value = url(site)
    return esc_url(value) if is_safe_url(value, WEB_SCHEMES) else None


# --------------------------------------------------------------------------- calendar


def calendar_html(
    calendar: MonthCalendar,
    site: Site | None,
    *,
    initial: bool = True,
    locale: str | None = None,
    hide_when_empty: bool = True,
    lang: str = "en",
) -> str:
    """The calendar as WordPress's ``get_calendar()`` prints it.

    ``initial`` gives one-letter weekday headers ("M"), else abbreviations ("Mon"); names come
    from ``locale`` (default: the site's, else ``en_US``).  Like WordPress, a site without any
    visible post gives an empty string (``hide_when_empty=False`` draws the grid anyway).
    ``lang`` is the language of the labels (:mod:`newsmodel.views.labels`).
    """
    _ = translation(lang).gettext
    loc = locale or (site.locale if site is not None else "en_US")
    if hide_when_empty and calendar.total == 0 and calendar.previous is None and calendar.next is None:
        return ""
    wide = weekday_names(loc, width="wide", week_start=calendar.week_start)
    short = weekday_names(loc, width="narrow" if initial else "abbreviated", week_start=calendar.week_start)
    out = [
        '<table id="wp-calendar" class="wp-calendar-table">\n',
        f"\t<caption>{esc(calendar.label)}</caption>\n",
        "\t<thead>\n\t<tr>",
    ]
    for full, abbr in zip(wide, short, strict=True):
        out.append(f'\n\t\t<th scope="col" aria-label="{esc(full)}">{esc(abbr)}</th>')
    out.append("\n\t</tr>\n\t</thead>\n\t<tbody>\n\t<tr>")
    first_week = calendar.weeks[0]
    lead = sum(1 for cell in first_week if cell is None)
    if lead:
        out.append(f'\n\t\t<td colspan="{lead}" class="pad">&nbsp;</td>')
    for w, week in enumerate(calendar.weeks):
        if w:
            out.append("\n\t</tr>\n\t<tr>\n\t\t")
        for cell in week:
            if cell is None:
                continue
            out.append('<td id="today">' if cell.is_today else "<td>")
            if cell.count:
                label = esc(_("Posts published on %s") % format_date(cell.day, locale=loc))
                url = _href(site, lambda s: day_url(s, cell.day), cell.url)  # noqa: B023 (called at once)
                href = f' href="{url}"' if url is not None else ""
                out.append(f'<a{href} aria-label="{label}">{cell.day.day}</a>')
            else:
                out.append(str(cell.day.day))
            out.append("</td>")
    trail = sum(1 for cell in calendar.weeks[-1] if cell is None)
    if trail:
        out.append(f'\n\t\t<td class="pad" colspan="{trail}">&nbsp;</td>')
    out.append("\n\t</tr>\n\t</tbody>\n\t</table>")
    months = esc(_("Previous and next months"))
    out.append(f'<nav aria-label="{months}" class="wp-calendar-nav">\n')
    out.append('\t\t<span class="wp-calendar-nav-prev">')
    if calendar.previous is not None:
        text = f"&laquo; {esc(month_name(calendar.previous.month, loc, width='abbreviated'))}"
        out.append(_link(site, calendar.previous.year, calendar.previous.month, text, calendar.previous_url))
    else:
        out.append("&nbsp;")
    out.append('</span>\n\t\t<span class="pad">&nbsp;</span>\n\t\t<span class="wp-calendar-nav-next">')
    if calendar.next is not None:
        text = f"{esc(month_name(calendar.next.month, loc, width='abbreviated'))} &raquo;"
        out.append(_link(site, calendar.next.year, calendar.next.month, text, calendar.next_url))
    else:
        out.append("&nbsp;")
    out.append("</span>\n\t</nav>")
    return "".join(out)


def _link(site: Site | None, year: int, month: int, text: str, given: str | None) -> str:
    url = _href(site, lambda s: month_url(s, year, month), given)
    if url is None:
        return f"<a>{text}</a>"
    return f'<a href="{url}">{text}</a>'


# --------------------------------------------------------------------------- archives

ArchiveFormat = Literal["html", "option", "custom", "link"]


def archives_html(
    periods: Iterable[ArchivePeriod],
    site: Site | None,
    *,
    format: ArchiveFormat = "html",
    show_post_count: bool = False,
    before: str = "",
    after: str = "",
) -> str:
    """The archive periods as WordPress's ``wp_get_archives()`` prints them (one line each).

    ``format`` is ``html`` (``<li>`` items, for a ``<ul>``), ``option`` (for a ``<select>``),
    ``custom`` (wrapped in ``before`` and ``after``, which are HTML and not escaped) or ``link``
    (``<link rel='archives'>`` for a ``<head>``).
    """
    if format not in ("html", "option", "custom", "link"):
        raise InvalidValue(f"archives format {format!r} is not html, option, custom or link", value=format)
    lines = []
    for p in periods:
        href = _href(site, lambda s: archive_url(s, p.period, p.start), p.url)  # noqa: B023 (called at once)
        url = href or ""
        text = esc(p.label)
        if p.period == "weekly":
            text = text.replace("–", "&#8211;")
        tail = f"&nbsp;({p.count}){after}" if show_post_count else after
        if format == "link":
            lines.append(f"\t<link rel='archives' title='{text}' href='{url}' />\n")
        elif format == "option":
            lines.append(f"\t<option value='{url}'>{before} {text} {tail}</option>\n")
        else:
            anchor = f"<a href='{url}'>{text}</a>" if href is not None else text
            if format == "html":
                lines.append(f"\t<li>{before}{anchor}{tail}</li>\n")
            else:
                lines.append(f"\t{before}{anchor}{tail}\n")
    return "".join(lines)


# --------------------------------------------------------------------------- tag cloud


def tag_cloud_html(
    cloud: TagCloud,
    site: Site | None,
    *,
    format: Literal["flat", "list"] = "flat",
    show_count: bool = False,
    separator: str = "\n",
) -> str:
    """The tag cloud as WordPress's ``wp_tag_cloud()`` prints it.

    ``flat`` joins the links with ``separator``; ``list`` makes a ``<ul class='wp-tag-cloud'>``.
    Each link carries an ``aria-label`` with the count unless every size is the same and counts
    are not shown (WordPress's rule).
    """
    if format not in ("flat", "list"):
        raise InvalidValue(f"tag cloud format {format!r} is not 'flat' or 'list'", value=format)
    aria = show_count or (cloud.largest - cloud.smallest) != 0
    links = []
    for position, entry in enumerate(cloud.entries, start=1):
        url = _href(site, lambda s: tag_url(s, entry.slug), entry.url)  # noqa: B023 (called at once)
        href = f'href="{url}" ' if url is not None else ""
        label = ""
        if aria:
            items = f"{entry.count:,} item" + ("" if entry.count == 1 else "s")
            label = f' aria-label="{esc(entry.name)} ({items})"'
        count = f'<span class="tag-link-count"> ({entry.count})</span>' if show_count else ""
        links.append(
            f'<a {href}class="tag-cloud-link tag-link-{esc(entry.tag_id)} tag-link-position-{position}"'
            f' style="font-size: {entry.size_text}{esc(cloud.unit)};"{label}>{esc(entry.name)}{count}</a>'
        )
    if format == "list":
        return "<ul class='wp-tag-cloud' role='list'>\n\t<li>" + "</li>\n\t<li>".join(links) + "</li>\n</ul>\n"
    return separator.join(links)
