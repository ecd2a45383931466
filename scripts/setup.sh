#!/usr/bin/env bash
# Install what Prongsai needs and is missing: uv, the Python packages (uv.lock), and — when run
# as root on Debian — the system packages (fonts, PDF tools). Safe to run again: it only installs
# what is not there yet.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  fonts-tlwg-laksaman-ttf   # Laksaman: TH Sarabun New's glyphs, for PDFs and the web page
  poppler-utils             # pdftoppm: the analysis chart as a picture in the DOCX; pdftotext for the tests
  gettext                   # msgfmt, to compile the English translation
  chromium                  # the browser tests (Playwright drives Debian's Chromium; no download)
  libdatrie1-bin            # trietool: builds the Thai word list PDFs break lines with (documents)
  redis-server              # the task queue's broker and the shared cache (scripts/ensure-redis.sh starts it)
  postgresql-client         # pg_dump / pg_restore for `prongsai backup` and `restore` on PostgreSQL
  tesseract-ocr             # OCR of scanned documents on import (prongsai.ingest.ocr)
  tesseract-ocr-tha         # … its Thai model
  fonts-thai-tlwg           # the Thai fonts the import corpus's PDFs are made with (tests/fixtures/corpus)
  wrk                       # bench.dashboards' load generator (its own process, written in C)
  libreoffice-writer-nogui  # soffice: the import corpus's LibreOffice PDFs (tests/fixtures/corpus/libreoffice.py)
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: please install these Debian packages (as root): ${missing[*]}" >&2
  fi
fi

if ! command -v uv >/dev/null 2>&1; then
  echo "setup: installing uv"
  python3 -m pip install --quiet --user uv 2>/dev/null || python3 -m pip install --quiet uv
  export PATH="$HOME/.local/bin:$PATH"
fi

uv sync --locked --quiet
