"""Errors raised when Thai dates and periods cannot be read: Thai message first, English too."""

from __future__ import annotations


class ThaiValueError(ValueError):
    """A value that cannot be read, explained in plain words in Thai and in English.

    ``str(error)`` is the Thai message (the users are Thai officers); ``message_en`` is the
    English one, for logs and the English locale.
    """

    def __init__(self, message_th: str, message_en: str) -> None:
        super().__init__(message_th, message_en)
        self.message_th = message_th
        self.message_en = message_en

    def __str__(self) -> str:
        return self.message_th

    def message(self, lang: str = "th") -> str:
        """The message in ``lang`` (``"th"`` or ``"en"``)."""
        return self.message_en if lang == "en" else self.message_th


class ThaiDateError(ThaiValueError):
    """A date, a year, a fiscal year or a round that cannot be read or does not exist."""


class PeriodError(ThaiValueError):
    """A period (ระยะเวลา) that cannot be read into a start and an end date."""
