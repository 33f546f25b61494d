"""Printable pages a teacher takes home: the debrief and the handouts (self-contained HTML)."""
