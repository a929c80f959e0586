"""Templates: Jinja2 files that turn a brief into the document model, via a small XML vocabulary."""
