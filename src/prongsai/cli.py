"""The ``prongsai`` console command: Django's management commands, with a few short names.

``prongsai serve`` runs the web app, ``prongsai demo`` loads the demo agencies,
``prongsai score`` prints an assessment's scores, ``prongsai criteria load|check`` manages the
ITA criteria files, and every other Django command (``migrate``, ``createsuperuser``…) works too.
"""

from __future__ import annotations

import os
import sys

ALIASES = {"serve": "runserver"}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings")
    if len(argv) > 1 and argv[1] in ALIASES:
        argv[1] = ALIASES[argv[1]]
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
