"""What the frozen executables run: the same as the `erp-desktop` console script."""

import sys

from erp_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
