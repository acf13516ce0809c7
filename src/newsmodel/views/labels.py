"""The labels a page prints ("Previous Post", "Related Posts", "Tags" …), from one gettext catalogue.

Every label of :mod:`newsmodel.views.page_html`, :mod:`newsmodel.views.widgets_html` and
:mod:`newsmodel.views.sitehtml` is a message of the ``newsmodel`` gettext domain.  The template is
``newsmodel/locale/newsmodel.pot``; each shipped language has ``locale/<lang>/LC_MESSAGES/
newsmodel.po`` and its compiled ``.mo`` (read with the standard library's :mod:`gettext`, so
reading needs no extra package; Babel makes and updates the files, see ``docs/theme.md``).
English is the messages themselves.  :func:`translation` gives the catalogue of a language tag
(``fr``, ``fr-FR``, ``fr_CA`` all give French); a language without a catalogue gives English.

>>> translation("fr").gettext("Related Posts")
'Articles similaires'
>>> translation("fr-CA").gettext("Next Post")
'Article suivant'
>>> translation("xx").gettext("Related Posts"), translation("../../fr").gettext("Related Posts")
('Related Posts', 'Related Posts')
"""

from __future__ import annotations

import gettext
import re
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

__all__ = ["DOMAIN", "LOCALE_DIR", "languages", "translation"]

#: The gettext domain of newsmodel's labels.
DOMAIN = "newsmodel"
#: Where the catalogues live (package data).
LOCALE_DIR = Path(str(files("newsmodel"))) / "locale"

# A BCP 47 / POSIX language tag's language and region ("fr", "fr-FR", "pt_BR", "zh-Hant-TW"
# keeps "zh"); anything else gets English.
_TAG = re.compile(r"([A-Za-z]{2,3})(?:[-_](?:[A-Za-z]{4}[-_])?([A-Za-z]{2}|[0-9]{3}))?(?:[-_.@][A-Za-z0-9-_.@]*)?")


def _candidates(lang: str) -> list[str]:
    """The catalogue names to try for ``lang``: region, then language; none for a value that is
    not a language tag (so a tag from a request can never name a path outside the catalogues)."""
    match = _TAG.fullmatch(lang.strip())
    if match is None:
        return []
    base, region = match.group(1).lower(), match.group(2)
    return [f"{base}_{region.upper()}", base] if region else [base]


@lru_cache(maxsize=64)
def translation(lang: str) -> gettext.NullTranslations:
    """The catalogue of the language tag ``lang`` (BCP 47 ``fr-FR`` or POSIX ``fr_FR``): its
    region's, else its language's, else English (the messages as written)."""
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=_candidates(lang) or ["en"], fallback=True)


def languages() -> tuple[str, ...]:
    """The languages with a shipped catalogue, besides English.

    >>> "fr" in languages()
    True
    """
    return tuple(sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")))
