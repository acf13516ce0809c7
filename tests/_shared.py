"""Where the shared third-party test material lives (``../shared`` from the project root)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
VECTORS = SHARED / "vectors"
DATA = SHARED / "data"
