"""Domain types and pure functions: no I/O, no Qt."""
