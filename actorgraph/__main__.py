"""`python -m actorgraph` is the `actorgraph` command."""

from actorgraph.cli import main

main()
