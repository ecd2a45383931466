"""bench.documents — how fast Prongsai writes its official documents, against LibreOffice.

    uv run python -m bench.documents [--runs 3]

Loads the demo data (the five seeds) into a throw-away SQLite database, then times, for a
seed-sized report (seed 000: the memo with its five signers and the 7-measure progress table)
and for a 60-measure report (the same rows repeated), the PDF (WeasyPrint, tagged PDF/UA with
the exact Thai text layer; beside it the same PDF untagged, for what the tags cost) and the DOCX
(python-docx); and, in the same run, what agencies do today: LibreOffice converting that DOCX
to PDF (a cold ``soffice --headless --convert-to pdf`` each time, its own profile). Median of
``--runs``. Prints the ratios and the peak memory. Ends with one line of JSON, also written to
bench/results/documents.json. Aim: a 10-page PDF in under 1 s, at least 5× faster than
LibreOffice, memory under 300 MB.

LibreOffice is installed by scripts/ensure-libreoffice.sh when it is missing (apt, as root).
"""

from __future__ import annotations

import argparse
import copy
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _setup_django(data_dir: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{data_dir / 'bench.sqlite3'}"
    os.environ["PRONGSAI_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from prongsai.criteria.services import load_all
    from prongsai.demo.services import load_demo

    load_all()
    load_demo()


def _soffice() -> str:
    found = shutil.which("soffice")
    if found:
        return found
    subprocess.run([str(ROOT / "scripts" / "ensure-libreoffice.sh")], check=True)
    found = shutil.which("soffice")
    if not found:
        raise SystemExit("bench.documents: LibreOffice is not installed and could not be")
    return found


def _timed(function, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _pages(pdf: bytes, work: Path) -> int:
    path = work / "count.pdf"
    path.write_bytes(pdf)
    import pdfplumber

    with pdfplumber.open(path) as document:
        return len(document.pages)


def _libreoffice(soffice: str, docx: bytes, work: Path, runs: int) -> tuple[float, int]:
    source = work / "report.docx"
    source.write_bytes(docx)
    times = []
    for run in range(runs):
        profile = work / f"profile-{run}"
        start = time.perf_counter()
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work / "lo"),
                str(source),
            ],
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times), _pages((work / "lo" / "report.pdf").read_bytes(), work)


def _untagged(document: dict, runs: int) -> float:
    """The same PDF without the tags (no PDF/UA variant), timed beside the tagged one: what
    the structure tree costs."""
    from prongsai.documents import render

    tagged = render.PDF_VARIANT
    render.PDF_VARIANT = None
    try:
        return _timed(lambda: render.render_pdf(document), runs)[0]
    finally:
        render.PDF_VARIANT = tagged


def sixty_measures(document: dict, count: int = 60) -> dict:
    """``document`` with its measures table grown to ``count`` rows (its rows repeated)."""
    big = copy.deepcopy(document)
    for block in big["blocks"]:
        if block["type"] == "table":
            rows = block["rows"]
            block["rows"] = [
                [f"{n + 1}. {row[0].split('. ', 1)[-1]}", *row[1:]]
                for n, row in zip(range(count), rows * (count // len(rows) + 1), strict=False)
            ]
    return big


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    soffice = _soffice()

    with tempfile.TemporaryDirectory(prefix="prongsai-bench-") as tmp:
        work = Path(tmp)
        _setup_django(work)
        from prongsai.agencies.models import Agency
        from prongsai.documents.builders import build
        from prongsai.documents.office import render_docx
        from prongsai.documents.render import render_pdf

        seed = build("progress", Agency.objects.get(name="องค์การบริหารส่วนตำบลท่ากระเสริม"), 2565)
        render_pdf(seed)  # imports, font loading, PyThaiNLP's dictionary: paid once per worker
        figures: dict = {"runs": args.runs}
        for name, document in (("seed", seed), ("measures60", sixty_measures(seed))):
            pdf_s, pdf = _timed(lambda d=document: render_pdf(d), args.runs)
            untagged_s = _untagged(document, args.runs)
            docx_s, docx = _timed(lambda d=document: render_docx(d), args.runs)
            lo_s, lo_pages = _libreoffice(soffice, docx, work, args.runs)
            pages = _pages(pdf, work)
            figures[name] = {
                "pages": pages,
                "pdf_s": round(pdf_s, 3),
                "pdf_s_per_10_pages": round(pdf_s * 10 / pages, 3),
                "tagged_over_untagged": round(pdf_s / untagged_s, 2),
                "docx_s": round(docx_s, 3),
                "libreoffice_docx_to_pdf_s": round(lo_s, 3),
                "libreoffice_pages": lo_pages,
                "libreoffice_over_pdf": round(lo_s / pdf_s, 2),
                "libreoffice_over_docx": round(lo_s / docx_s, 1),
            }
            sys.stderr.write(
                f"{name}: PDF {pages} pages {pdf_s:.2f} s, DOCX {docx_s:.3f} s, "
                f"LibreOffice DOCX→PDF {lo_s:.2f} s ({lo_pages} pages): "
                f"{lo_s / pdf_s:.1f}× the PDF, {lo_s / docx_s:.0f}× the DOCX\n"
            )
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        figures["peak_rss_mb"] = round(own, 1)  # Django, the demo data, WeasyPrint, PyThaiNLP
        figures["aims"] = {
            "pdf_10_pages_under_1s": figures["measures60"]["pdf_s_per_10_pages"] < 1,
            "at_least_5x_faster_than_libreoffice": figures["seed"]["libreoffice_over_pdf"] >= 5,
            "memory_under_300mb": own < 300,
        }
    from bench.common import report

    report("documents", figures)


if __name__ == "__main__":
    main()
