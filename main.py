"""Start Reference Reader: the window with no arguments, else a command (see --help)."""

from reader.cli import main

raise SystemExit(main())
