"""What the index and the query parser see of a text.

SQLite's ``unicode61`` tokenizer splits text at every character that is not a letter, a digit or
a private-use character, folds case, and (with ``remove_diacritics 2``) folds accents.  Two things
are done before it sees a text:

- :func:`index_text` normalizes it to NFKC (fullwidth ``ＡＢＣ`` is ``ABC``, the ligature ``ﬁ`` is
  ``fi``), blanks out control characters (the two snippet markers among them) and lone surrogates,
  and puts a zero-width space around each CJK character (:data:`~newsmodel.bodies.textstats.CJK_CHARACTERS`:
  Han, kana, Hangul), so that each becomes one token.  A CJK word of the query is searched as the
  phrase of its characters: any run of characters of the text matches, whatever its length.
  Snippets take the zero-width spaces out again (:func:`shown_text`).
- :func:`query_words` splits query text the same way, into runs of letters and digits (each CJK
  character alone), so that a query word is always a word the tokenizer can see.

>>> index_text("首尔峰会 in Seoul") == "\\u200b首\\u200b\\u200b尔\\u200b\\u200b峰\\u200b\\u200b会\\u200b in Seoul"
True
>>> query_words("Trump-Kim 首尔, U.S.")
['Trump', 'Kim', '首', '尔', 'U', 'S']
>>> shown_text(index_text("首尔 ﬁnal"))
'首尔 final'
"""

from __future__ import annotations

import re
import unicodedata

from newsmodel.bodies.textstats import CJK_CHARACTERS

__all__ = ["SPACER", "index_text", "query_words", "shown_text"]

#: Put around each CJK character of an indexed text, so that the tokenizer sees it as one token.
SPACER = "\u200b"

_CJK = re.compile(f"([{CJK_CHARACTERS}])")
# C0 controls but tab and newlines, DEL, lone surrogates (sqlite3 cannot encode them) and our spacer.
_BLANK = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\u200b]")
_WORD = re.compile(r"[^\W_]+")


def index_text(text: str) -> str:
    """``text`` as the index stores it: NFKC, controls blanked, each CJK character spaced apart."""
    text = unicodedata.normalize("NFKC", _BLANK.sub(" ", text))
    return _CJK.sub(f"{SPACER}\\1{SPACER}", text)


def query_words(text: str) -> list[str]:
    """The words of ``text`` as the index sees them: runs of letters and digits, CJK characters alone.

    >>> query_words("«ﬁnal»—*déjà* vu_2")
    ['final', 'déjà', 'vu', '2']
    """
    text = unicodedata.normalize("NFKC", _BLANK.sub(" ", text))
    return _WORD.findall(_CJK.sub(" \\1 ", text))


def shown_text(stored: str) -> str:
    """A stored text (or a snippet of it) as a reader sees it: the CJK spacers taken out."""
    return stored.replace(SPACER, "")
