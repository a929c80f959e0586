"""The import assistant: reads a source, proposes sourced candidates (never invents), and drafts a content pack.

Loaded only by ``briefing import`` and the app's File > Import Source, so the
app's start and ``briefing build`` never pay for its libraries.
"""
