"""``python -m newsmodel.cli``."""

import sys

from newsmodel.cli import main

sys.exit(main())
