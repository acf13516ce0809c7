"""``python -m newsmodel.cli``."""

from newsmodel.cli import console

console()
