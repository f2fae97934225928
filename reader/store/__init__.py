"""The user's data folder: atomic files, lock, backups, schema versions (the only TinyDB user)."""
