"""The content library: packs of pillars, figures, quotations, events and projects."""
