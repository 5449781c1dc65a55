#!/usr/bin/env python
"""Django's manage.py, for those who expect it; `civiccx` does the same and more."""

import sys

from civiccx.cli import main

if __name__ == "__main__":
    sys.exit(main())
