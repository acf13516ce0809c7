"""The committed lock of the development environment covers every dependency the package names."""

from __future__ import annotations

import re
from importlib.metadata import requires
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

LOCK = Path(__file__).resolve().parent.parent / "requirements" / "dev.lock"
PINNED = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==[^\s;]+", re.MULTILINE)


def _pinned() -> set[str]:
    return {canonicalize_name(name) for name in PINNED.findall(LOCK.read_text(encoding="utf-8"))}


def test_lock_pins_every_dependency_of_the_package_and_its_extras() -> None:
    """After a change to pyproject.toml, the README's development section says how to refresh the lock."""
    names = {canonicalize_name(Requirement(text).name) for text in requires("newsmodel") or ()}
    names.discard("newsmodel")
    missing = sorted(names - _pinned())
    assert not missing, f"requirements/dev.lock lacks {missing}: refresh it as the README says"


def test_lock_pins_exact_versions_only() -> None:
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith((" ", "#")):
            assert PINNED.match(line), f"unpinned line in requirements/dev.lock: {line!r}"
