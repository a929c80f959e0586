"""Classification levels applied to a brief: each portion's level, the banner, portion marks and releasable versions."""
