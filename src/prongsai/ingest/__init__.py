"""Reading legacy ITA documents (text, Markdown, HTML, DOCX, PDF) into structured data.

The public API::

    read_document(data: bytes, filename: str) -> ReadResult   # raises IngestError
    to_json(result: ReadResult) -> dict
    read_blocks(data: bytes) -> Document                       # paragraphs and tables only

Saving, the CLI and the upload page are built on top of these; nothing here touches a database.
"""

from prongsai.core.files.errors import IngestError
from prongsai.core.files.sniff import MAX_BYTES
from prongsai.ingest.blocks import Document, Paragraph, Table
from prongsai.ingest.reader import read_document
from prongsai.ingest.readers import read_blocks
from prongsai.ingest.result import KINDS, Agency, Measure, ReadResult, to_json

__all__ = [
    "KINDS",
    "MAX_BYTES",
    "Agency",
    "Document",
    "IngestError",
    "Measure",
    "Paragraph",
    "ReadResult",
    "Table",
    "read_blocks",
    "read_document",
    "to_json",
]
