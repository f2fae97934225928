"""Widgets: the reading pane, the library list, the document header."""
