"""GUI tests (pytest-qt, offscreen): a package, so its conftest and modules never shadow the top-level tests' ones."""
