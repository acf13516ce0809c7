"""Terms of an article for text similarity: plain text of title and body, tokenized.

Words are runs of letters and digits, case-folded; English stopwords and one-letter words are
dropped; no stemming.  Runs of CJK characters (Han, kana, Hangul) have no spaces to split on, so
they become overlapping character bigrams (a lone character stays a unigram), the way search
engines index CJK text.

>>> terms("The Seoul summit, and Seoul’s dilemma")
['seoul', 'summit', 'seoul', 'dilemma']
>>> terms("首尔峰会")
['首尔', '尔峰', '峰会']
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsmodel.values.body import (
    Block,
    Body,
    Heading,
    Image,
    Paragraph,
    Table,
    Text,
    child_blocks,
    inline_text,
)
from newsmodel.values.model import Article

__all__ = ["STOPWORDS", "article_text", "body_text", "terms"]

_WORD = re.compile(r"[^\W_]+")
_WORD_2 = re.compile(r"[^\W_]{2,}")  # the runs of _WORD that are longer than one character
_CJK = re.compile(
    "([\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
    "\U00020000-\U0002fa1f]+)"
)

_STOPWORDS_TEXT = """
    a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each either else ever few for
    from further had has have having he her here hers herself him himself his how however i if in
    into is it its itself just may me might more most much must my myself no nor not now of off on
    once only or other our ours ourselves out over own per same she should so some such than that
    the their theirs them themselves then there these they this those though through to too under
    until up upon us very via was we were what when where whether which while who whom whose why
    will with within without would yet you your yours yourself yourselves said says say new one two
"""
#: English stopwords left out of text similarity.
STOPWORDS: frozenset[str] = frozenset(_STOPWORDS_TEXT.split())


def _cjk_bigrams(run: str) -> Iterator[str]:
    if len(run) == 1:
        yield run
        return
    for i in range(len(run) - 1):
        yield run[i : i + 2]


def terms(text: str) -> list[str]:
    """The index terms of ``text``, in order (repeats kept: they are term frequencies).

    >>> terms("U.S. talks in 2026")
    ['talks', '2026']
    """
    folded = text.casefold()
    if _CJK.search(folded) is None:  # the common case, one pass: runs of two or more letters and digits
        return [word for word in _WORD_2.findall(folded) if word not in STOPWORDS]
    out: list[str] = []
    for word in _WORD.findall(folded):
        if _CJK.search(word) is None:
            if len(word) > 1 and word not in STOPWORDS:
                out.append(word)
            continue
        for i, part in enumerate(_CJK.split(word)):
            if not part:
                continue
            if i % 2:  # a CJK run
                out.extend(_cjk_bigrams(part))
            elif len(part) > 1 and part not in STOPWORDS:
                out.append(part)
    return out


def body_text(body: Body) -> str:
    """The plain text of a body's headings, paragraphs, list items, quotes, tables and image captions.

    Code, embeds and raw HTML are left out: they are not prose.

    >>> from newsmodel.values.body import Paragraph, Text
    >>> body_text(Body(blocks=(Paragraph(content=(Text(text="Hello"),)),)))
    'Hello'
    """
    # The blocks in the order of Body.walk (each block, then the blocks inside it), walked here
    # without its generator and with the common blocks tested by their exact class first: the
    # digest of stored document frequencies reads every body's text, on every page.
    parts: list[str] = []
    append = parts.append
    stack: list[Iterator[Block]] = [iter(body.blocks)]
    while stack:
        for block in stack[-1]:
            cls = type(block)
            if cls is Paragraph or cls is Heading:
                content = block.content  # type: ignore[union-attr]
                if len(content) == 1 and type(content[0]) is Text:
                    append(content[0].text)
                else:
                    append(inline_text(content))
                continue
            if isinstance(block, (Heading, Paragraph)):
                append(inline_text(block.content))
            elif isinstance(block, Table):
                for row in (*block.head, *block.rows):
                    parts.extend(inline_text(cell.content) for cell in row.cells)
            elif isinstance(block, Image):
                parts.extend(p for p in (block.alt, block.caption) if p)
            else:
                inner = child_blocks(block)
                if inner is not None:
                    stack.append(iter(inner))
                    break
        else:
            stack.pop()
    return "\n".join(parts)


def article_text(article: Article) -> tuple[str, str]:
    """``(title text, body text)`` of an article: title and subtitle, then the body.

    >>> from newsmodel.values.model import Article
    >>> article_text(Article(id="1", slug="a", title="Seoul", subtitle="Summit", status="draft"))
    ('Seoul\\nSummit', '')
    """
    title = "\n".join(p for p in (article.title, article.subtitle) if p)
    return title, body_text(article.body)
