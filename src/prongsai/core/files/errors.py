"""The one error the document reader raises: a code, and what went wrong in Thai and English."""

from __future__ import annotations

from prongsai.thai.errors import ThaiValueError


class IngestError(ThaiValueError):
    """A file that cannot be read as an ITA document, and why.

    ``code`` is stable and meant for programs (``empty``, ``too_large``, ``binary``,
    ``unknown_encoding``, ``unsupported_format``, ``image``, ``legacy_office``, ``corrupt_docx``,
    ``zip_bomb``, ``corrupt_pdf``, ``pdf_no_text``, ``ocr_nothing``, ``unknown_kind``,
    ``bad_archive``, ``missing``); ``message_th`` is shown
    to the Thai officer who uploaded the file, ``message_en`` goes to logs and the English locale.
    ``str(error)`` is the Thai message.
    """

    def __init__(self, code: str, message_th: str, message_en: str) -> None:
        super().__init__(message_th, message_en)  # str(): Thai; .message(lang)
        self.code = code
        self.args = (code, message_th, message_en)  # as constructed (pickling)
