"""`python -m seminars.cli`."""

from seminars.cli import main

main()
