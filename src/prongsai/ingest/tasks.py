"""``prongsai import --queue``: each file imported by a worker. The file's bytes wait in the
default storage (``imports/queue/<sha256>.<ext>``, so every worker can read them); importing
the same file twice creates nothing (the importer knows it by its content), so a redelivered
task is harmless."""

from __future__ import annotations

import hashlib
import logging

from celery import shared_task
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from prongsai.core.actions import SYSTEM

log = logging.getLogger(__name__)


def stash(data: bytes, filename: str) -> str:
    """Keep ``data`` where a worker finds it; return its storage name."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    name = f"imports/queue/{hashlib.sha256(data).hexdigest()}.{suffix}"
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(data))
    return name


@shared_task(name="ingest.import_file")
def import_file(stored: str, filename: str, user_id: int | None = None) -> str:
    from django.core.exceptions import PermissionDenied

    from prongsai.core.errors import ActionError
    from prongsai.core.files.errors import IngestError

    from .importing import import_file as run

    by = SYSTEM
    if user_id is not None:
        by = get_user_model().objects.get(pk=user_id)
    with default_storage.open(stored, "rb") as fh:
        data = fh.read()
    try:
        outcome = run(data, filename, by=by)
    except (IngestError, ActionError, PermissionDenied) as exc:  # a refusal: logged, not retried
        log.warning("import of %s refused: %s", filename, getattr(exc, "message_th", exc))
        return "refused"
    default_storage.delete(stored)
    return "again" if outcome.saved is None else "saved"
