"""The version of newsmodel: its one home (the build reads it here, the package and ``--version`` import it)."""

__version__ = "0.1.0"
