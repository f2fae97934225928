"""A corpus folder: its catalogue, its documents' text, passages and chrome."""
