"""Writers: highlights and notes out to Markdown, CSV, JSON and annotated PDF."""
