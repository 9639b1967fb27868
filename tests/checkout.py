"""Where the tests run: the checkout, with its data/, fixtures and compose files.

The package itself never looks here (it reads its files as package data); only the tests
and the benchmarks know they run inside a checkout.
"""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
