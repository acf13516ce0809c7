"""Compact sets for the bookkeeping of a streaming import: ids and slugs seen so far.

An import of ten million items must remember every article id (to refuse a repeated
``wp:post_id``) and every slug (to keep them unique), but not the strings themselves: a Python
``set`` of strings costs 150-250 bytes an entry (the string object and the table slot).

- :class:`IdSet` keeps decimal ids (every WordPress post id) exactly, as bits of 512-byte pages
  of 4,096 consecutive ids: an export's ids are dense (WordPress numbers posts, pages,
  attachments and revisions from one counter), so an id costs a bit or a few.  Other ids are
  kept as strings, exactly.
- :class:`FingerprintSet` keeps an 8-byte BLAKE2b fingerprint of each string in one open-addressing
  table (an ``array('Q')``, linear probing, doubled at two thirds full): 12-16 bytes an entry.
  Two different strings share a fingerprint with probability 2⁻⁶⁴ a pair (about 3·10⁻⁶ for some
  pair among ten million); then the second reads as already there.  For slugs that means a
  ``-2`` suffix and a ``slug`` warning, never a lost article; ids never go through it.

>>> ids = IdSet()
>>> ids.add("1000"); ids.add("wxr-item-3")
>>> "1000" in ids, "1001" in ids, "01000" in ids, "wxr-item-3" in ids, len(ids)
(True, False, False, True, 2)
>>> slugs = FingerprintSet()
>>> slugs.add("seoul")
>>> "seoul" in slugs, "busan" in slugs, len(slugs)
(True, False, 1)
"""

from __future__ import annotations

import hashlib
from array import array

from newsmodel.values._validate import is_number

__all__ = ["FingerprintSet", "IdSet"]

_PAGE_BITS = 12  # 4,096 ids a page
_PAGE_MASK = (1 << _PAGE_BITS) - 1
_MAX_DECIMAL = 18  # digits: below 2**63


def _decimal(value: str) -> int | None:
    """``value`` as an integer when it is a canonical decimal (no sign, no leading zero)."""
    if is_number(value) and len(value) <= _MAX_DECIMAL and (value[0] != "0" or value == "0"):
        return int(value)
    return None


class IdSet:
    """A set of id strings: decimal ids as bits, others as strings (see the module docs)."""

    __slots__ = ("_count", "_other", "_pages")

    def __init__(self) -> None:
        self._pages: dict[int, bytearray] = {}
        self._other: set[str] = set()
        self._count = 0

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, str):
            return False
        n = _decimal(value)
        if n is None:
            return value in self._other
        page = self._pages.get(n >> _PAGE_BITS)
        bit = n & _PAGE_MASK
        return page is not None and bool(page[bit >> 3] & (1 << (bit & 7)))

    def __len__(self) -> int:
        return self._count

    def add(self, value: str) -> None:
        """Add ``value`` (nothing happens when it is there)."""
        n = _decimal(value)
        if n is None:
            if value not in self._other:
                self._other.add(value)
                self._count += 1
            return
        page = self._pages.get(n >> _PAGE_BITS)
        if page is None:
            page = self._pages[n >> _PAGE_BITS] = bytearray(1 << (_PAGE_BITS - 3))
        bit = n & _PAGE_MASK
        mask = 1 << (bit & 7)
        if not page[bit >> 3] & mask:
            page[bit >> 3] |= mask
            self._count += 1


def fingerprint(value: str) -> int:
    """The 8-byte BLAKE2b fingerprint of ``value`` (never 0: 0 marks an empty slot)."""
    key = int.from_bytes(hashlib.blake2b(value.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")
    return key or 1


class FingerprintSet:
    """A set of strings kept as 8-byte fingerprints (see the module docs)."""

    __slots__ = ("_count", "_mask", "_table")

    def __init__(self) -> None:
        self._table = array("Q", [0]) * 1024
        self._mask = 1023
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, str):
            return False
        key = fingerprint(value)
        return self._table[self._slot(key)] == key

    def add(self, value: str) -> None:
        """Add ``value`` (nothing happens when its fingerprint is there)."""
        if self._insert(fingerprint(value)):
            self._count += 1
            if self._count * 3 > len(self._table) * 2:
                self._grow()

    def _slot(self, key: int) -> int:
        """Where ``key`` is in the table, or the empty slot where it goes (linear probing)."""
        table, mask = self._table, self._mask
        i = (key * 0x9E3779B97F4A7C15 >> 40) & mask
        while True:
            slot = table[i]
            if slot == key or slot == 0:
                return i
            i = (i + 1) & mask

    def _insert(self, key: int) -> bool:
        i = self._slot(key)
        if self._table[i] == key:
            return False
        self._table[i] = key
        return True

    def _grow(self) -> None:
        old = self._table
        self._table = array("Q", [0]) * (2 * len(old))  # no temporary of the new size
        self._mask = 2 * len(old) - 1
        insert = self._insert
        for key in old:
            if key:
                insert(key)
