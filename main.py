"""Start Reference Reader: the window with no arguments, else a command (see --help)."""

from reader.cli import main

# Guarded: the spaCy child process (spawn) imports this module again and must not start the app.
if __name__ == "__main__":
    raise SystemExit(main())
