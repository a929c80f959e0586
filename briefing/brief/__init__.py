"""Briefs: the officer's saved selection, its file format, and the commands that edit it."""
