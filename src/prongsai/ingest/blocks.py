"""What every reader turns a file into: a document of paragraphs and tables, in reading order.

A ``Table`` is rows of cell texts. A cell's text keeps a line break (``\\n``) wherever the source
separated lines on purpose (``<p>``, ``<br>``, ``<li>``, paragraphs of a Word cell, lines of a PDF
cell); everything else is plain text, with no markup left.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]
    # read by OCR: whether the table's last row is cut by the page's foot (no rule under it, its
    # column rules run on to the page's end) and goes on on the next page; None: not known
    cut: bool | None = field(default=None, compare=False)

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)


Block = Paragraph | Table


@dataclass(frozen=True)
class Document:
    blocks: tuple[Block, ...]
    format: str  # what the content was: "text", "html", "docx", "pdf" or "scan" (read by OCR)
    # read by OCR: each cell's or paragraph's text → the mean confidence of its words (0–100)
    confidence: dict[str, float] = field(default_factory=dict, compare=False)
    page_images: tuple[bytes, ...] = field(default=(), compare=False, repr=False)  # PNG pages

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    def text(self) -> str:
        """The whole document as plain text: a table row is its cells joined by tabs."""
        parts: list[str] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                parts.append(block.text)
            else:
                parts.append("\n".join(_row_text(row) for row in block.rows))
        return "\n\n".join(parts)


def _row_text(row: tuple[str, ...]) -> str:
    return "\t".join(" ".join(cell.split()) for cell in row)
