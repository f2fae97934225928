"""The command line: argparse commands over the library facade.

``python main.py`` with no command opens the window. Conventions for every command: global
options ``--corpus`` and ``--data-dir`` work before or after the command; results go to stdout
(JSON with ``--json``), messages to stderr; exit 0 = done, 1 = input refused (one line
``error: …``), 2 = usage.
"""

from reader.cli.main import main

__all__ = ["main"]
