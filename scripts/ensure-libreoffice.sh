#!/usr/bin/env bash
# Make sure LibreOffice Writer (headless) is installed: bench/documents.py times the path agencies
# use today (Word/LibreOffice converting the DOCX to PDF), and reviewers convert DOCX files to look
# at them. Not needed to run Prongsai itself. Installs with apt when run as root on Debian.
set -euo pipefail
if command -v soffice >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "ensure-libreoffice: installing libreoffice-writer-nogui" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    libreoffice-writer-nogui >/dev/null
  command -v soffice >/dev/null
else
  echo "ensure-libreoffice: LibreOffice is missing; install it as root: apt-get install libreoffice-writer-nogui" >&2
  exit 1
fi
