"""Typed errors for bad input. Each names the file and what is wrong with it, in one line
that the CLI and the dashboard show as they are; none of them is a crash."""
from __future__ import annotations


class ArticleError(Exception):
    """A file that cannot become an article. `str(error)` is the line to show a user."""

    def __init__(self, source: str, problem: str):
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")

    def __reduce__(self):  # sent back whole from the process that read an upload
        return type(self), (self.source, self.problem)


class UnsupportedFile(ArticleError):
    """An extension the pipeline does not read."""


class EmptyFile(ArticleError):
    """Nothing in the file, or only whitespace."""


class TooLarge(ArticleError):
    """Over the size limit."""


class BinaryFile(ArticleError):
    """Bytes that are not text (an image, an executable, a zip ...)."""


class Undecodable(ArticleError):
    """Text in no supported encoding (UTF-8, UTF-8 with BOM, UTF-16 with BOM, cp1252)."""


class NoText(ArticleError):
    """A readable file with no article text in it (a page of scripts, a scanned PDF)."""


class BadPublicationDate(ArticleError):
    """A publication date no article can have (year 1, year 9999)."""


class BadDate(ValueError):
    """A publication date that is not YYYY-MM-DD."""


class StoreError(Exception):
    """A store that cannot be opened or used as given. `str(error)` is the line to show."""

    def __init__(self, path: object, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path or '(empty path)'}: {problem}")


class ReviewError(ValueError):
    """A correction that cannot be stored as given; the message says why."""
