"""Readers of files: an article file (.txt, .md, .html, .pdf) becomes an `Article`; the
reference tables under `data/` become a `Reference`."""
