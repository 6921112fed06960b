"""Verbatim's reading side: queries, output formats and the command line (the only Click user)."""
