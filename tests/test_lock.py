"""The committed lock of the development environment covers every dependency the package names."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

if sys.version_info >= (3, 11):
    import tomllib
else:  # pytest itself needs tomli before 3.11
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements" / "dev.lock"
PINNED = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==[^\s;]+", re.MULTILINE)


def _pinned() -> set[str]:
    return {canonicalize_name(name) for name in PINNED.findall(LOCK.read_text(encoding="utf-8"))}


def test_lock_pins_every_dependency_of_the_package_and_its_extras() -> None:
    """After a change to pyproject.toml, the README's development section says how to refresh the lock."""
    # pyproject.toml itself, not the installed metadata: an environment installed before a change
    # (or under the distribution's old name) must not hide a dependency the lock lacks.
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    texts = [*project["dependencies"], *(t for extra in project["optional-dependencies"].values() for t in extra)]
    names = {canonicalize_name(Requirement(text).name) for text in texts}
    names.discard(canonicalize_name(project["name"]))
    missing = sorted(names - _pinned())
    assert not missing, f"requirements/dev.lock lacks {missing}: refresh it as the README says"


def test_lock_pins_exact_versions_only() -> None:
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith((" ", "#")):
            assert PINNED.match(line), f"unpinned line in requirements/dev.lock: {line!r}"
