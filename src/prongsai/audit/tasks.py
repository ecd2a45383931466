"""Scheduled backups with retention: ``audit.backup`` writes ``prongsai-<time>.tar`` into
``PRONGSAI_BACKUP_DIR`` (default ``<data>/backups``) and keeps the newest ``keep``."""

from __future__ import annotations

from pathlib import Path

from celery import shared_task
from django.conf import settings
from django.utils import timezone


def backup_dir() -> Path:
    folder = Path(getattr(settings, "PRONGSAI_BACKUP_DIR", "") or settings.DATA_DIR / "backups")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def prune(folder: Path, keep: int) -> list[Path]:
    """Remove all but the newest ``keep`` backups of ``folder``; return the removed ones."""
    backups = sorted(folder.glob("prongsai-*.tar"), reverse=True)  # the name sorts by time
    removed = backups[max(keep, 1) :]
    for path in removed:
        path.unlink()
    return removed


@shared_task(name="audit.backup")
def backup(keep: int = 14) -> str:
    from .backup import backup as write

    path = backup_dir() / f"prongsai-{timezone.now():%Y%m%dT%H%M%SZ}.tar"
    write(path)
    prune(path.parent, keep)
    return str(path)
