"""The desktop app: a thin PySide6 layer over the core. The only package that imports Qt."""
