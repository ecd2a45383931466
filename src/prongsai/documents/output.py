"""Rendering a document in one of its formats, with the file name and content type to serve."""

from __future__ import annotations

from .office import render_docx, render_xlsx
from .render import render_html, render_pdf

FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
}


def render(document: dict, fmt: str) -> bytes:
    if fmt == "pdf":
        return render_pdf(document)
    if fmt == "docx":
        return render_docx(document)
    if fmt == "xlsx":
        return render_xlsx(document)
    if fmt == "html":
        return render_html(document).encode()
    raise ValueError(f"ไม่มีรูปแบบไฟล์ “{fmt}” (ใช้ได้: {', '.join(FORMATS)})")


def filename(document: dict, fmt: str) -> str:
    """``progress-6m-2565-agency3.pdf``: ASCII, so every browser and mail client keeps it."""
    parts = [document["kind"]]
    if document.get("round"):
        parts.append(document["round"])
    parts += [str(document["fiscal_year"]), f"agency{document['agency_id']}"]
    return "-".join(parts) + f".{fmt}"
