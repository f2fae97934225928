"""Actors and dates in passages (the only spaCy user)."""
