"""The ครุฑ printed at the top left of every บันทึกข้อความ: a national setting. The project ships
no image; a national admin uploads it once (``/documents/emblem/``), it is kept through Django's
storage API (so a deployment with shared or object storage has it on every server), and
memos keep the emblem's 1.5 cm place empty while there is none. ``PRONGSAI_EMBLEM`` (a file
path) overrides it, as does the older ``<PRONGSAI_DATA_DIR>/emblem/garuda.png``."""

from __future__ import annotations

import hashlib
import io
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext_lazy as _

from prongsai.access.scope import is_national
from prongsai.core import events
from prongsai.core.actions import action
from prongsai.core.errors import Invalid

STORED = "settings/emblem.png"
MAX_BYTES = 2 * 1024 * 1024
MIN_PIXELS = 100  # 1.5 cm at 150 dpi is about 90 pixels: anything smaller prints blurred


def _require_national(by) -> None:
    if not (getattr(by, "is_system", False) or is_national(by)):
        raise PermissionDenied(str(_("เฉพาะผู้ดูแลระดับประเทศเท่านั้นที่ตั้งภาพครุฑได้")))


def _as_png(data: bytes) -> bytes:
    """The image as a PNG, or :class:`Invalid` with what is wrong with it."""
    from PIL import Image, UnidentifiedImageError

    if not data:
        raise Invalid(_("โปรดเลือกไฟล์ภาพครุฑ"), field="emblem")
    if len(data) > MAX_BYTES:
        raise Invalid(_("ไฟล์ภาพใหญ่เกิน 2 MB"), field="emblem")
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            if min(image.size) < MIN_PIXELS:
                raise Invalid(
                    _("ภาพเล็กเกินไป (%(w)s×%(h)s จุด) ต้องสูงอย่างน้อย %(min)s จุดจึงพิมพ์ได้คมชัด"),
                    field="emblem",
                    w=image.size[0],
                    h=image.size[1],
                    min=MIN_PIXELS,
                )
            out = io.BytesIO()
            image.convert("RGBA").save(out, "PNG")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise Invalid(_("ไฟล์นี้ไม่ใช่ภาพ PNG หรือ JPEG ที่เปิดได้"), field="emblem") from exc
    return out.getvalue()


@action("emblem.set")
def emblem_set(data: bytes, *, by) -> str:
    """Keep ``data`` (PNG or JPEG) as the memos' emblem; returns its stored name."""
    _require_national(by)
    png = _as_png(data)
    if default_storage.exists(STORED):
        default_storage.delete(STORED)
    name = default_storage.save(STORED, ContentFile(png))
    events.record("emblem.set", None, by=by, data={"sha256": hashlib.sha256(png).hexdigest()})
    return name


@action("emblem.remove")
def emblem_remove(*, by) -> None:
    _require_national(by)
    if default_storage.exists(STORED):
        default_storage.delete(STORED)
        events.record("emblem.remove", None, by=by)


def emblem_stored() -> bool:
    return default_storage.exists(STORED)


def emblem_path() -> str | None:
    """A file the PDF and DOCX writers can read, or None when no emblem was given."""
    override = getattr(settings, "PRONGSAI_EMBLEM", None)
    if override:
        return str(override) if Path(override).is_file() else None
    if default_storage.exists(STORED):
        try:
            return default_storage.path(STORED)
        except NotImplementedError:  # object storage: a local copy, named by its content
            data = default_storage.open(STORED).read()
            digest = hashlib.sha256(data).hexdigest()[:16]
            copy = Path(tempfile.gettempdir()) / f"prongsai-emblem-{digest}.png"
            if not copy.is_file():
                copy.write_bytes(data)
            return str(copy)
    legacy = settings.DATA_DIR / "emblem" / "garuda.png"
    return str(legacy) if legacy.is_file() else None
