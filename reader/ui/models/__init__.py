"""Qt item models over the facade's data."""
