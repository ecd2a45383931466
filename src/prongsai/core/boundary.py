"""The input boundary: what every request brings is cleaned or refused here, once, before any
view, form or API operation sees it.

- Control characters in every query-string and form value and name, and in every string of a
  JSON body (the API), are removed by :func:`~prongsai.core.sanitize.clean_text` (Word's
  ``\\x0b`` becomes a line break; NUL, which PostgreSQL cannot store, is removed).
- A field *name* holding a digit that is not 0–9 (``ind_²``, ``rec-١``) is refused with 400:
  no view has such a field, and ``"²".isdigit()`` is true while ``int("²")`` fails.
- A value longer than ``PRONGSAI_MAX_FIELD_CHARS`` (20,000 by default) is refused with 400
  naming the field and the limit.
- A value the database refuses (longer than its column on PostgreSQL, a number out of range)
  becomes a 400 stating the limit instead of a 500; a unique constraint met by two requests at
  once (a double click) a 409 asking to reload. Both are logged as warnings.

A refusal is the Thai (or English) 400 page on the site, ``{"code", "message", "field"}`` on
the API, never a 500.
"""

from __future__ import annotations

import json
import logging
import re

from django.conf import settings
from django.db import DataError, IntegrityError
from django.http import JsonResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _

from .sanitize import clean_deep, clean_text

DEFAULT_MAX_FIELD_CHARS = 20_000
log = logging.getLogger("prongsai.boundary")


class Refused(Exception):
    def __init__(self, message: str, field: str = "", code: str = "invalid"):
        super().__init__(message)
        self.message, self.field, self.code = message, field, code


def _bad_digit(name: str) -> bool:
    return any(not ch.isascii() and (ch.isdigit() or ch.isnumeric()) for ch in name)


def clean_querydict(data: QueryDict, limit: int) -> QueryDict:
    """A copy of ``data`` with clean names and values; :class:`Refused` for a bad name or an
    over-long value."""
    cleaned = QueryDict(mutable=True, encoding=data.encoding)
    for name, values in data.lists():
        if _bad_digit(name):
            raise Refused(
                _("ชื่อช่องข้อมูล “%(name)s” ไม่ถูกต้อง (มีตัวเลขที่ไม่ใช่ 0–9)") % {"name": name},
                field=name,
            )
        clean_name = clean_text(name)
        for value in values:
            value = clean_text(value)
            if len(value) > limit:
                raise Refused(too_long(clean_name, limit, len(value)), field=clean_name)
            cleaned.appendlist(clean_name, value)
    cleaned._mutable = False
    return cleaned


def too_long(field: str, limit: int, length: int | None = None) -> str:
    message = _("ข้อความยาวเกินไป: ยาวได้ไม่เกิน %(limit)s ตัวอักษร") % {"limit": f"{limit:,}"}
    if length is not None:
        message += _(" (ที่ส่งมา %(length)s ตัวอักษร)") % {"length": f"{length:,}"}
    return f"{field}: {message}" if field else message


_VARCHAR = re.compile(r"character varying\((\d+)\)")


def _data_error_message(exc: DataError) -> str:
    found = _VARCHAR.search(str(exc))
    if found:
        return too_long("", int(found.group(1)))
    return _("ข้อมูลที่ส่งมาเกินขอบเขตที่บันทึกได้ (ยาวหรือใหญ่เกินไป) โปรดตรวจสอบแล้วส่งใหม่")


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def refusal(request, message: str, *, field: str = "", code: str = "invalid", status=400):
    if _is_api(request):
        body = {"code": code, "message": message, "field": field}
        return JsonResponse(body | {"detail": message, "detail_th": message}, status=status)
    return render(request, "400.html", {"message": message, "field": field}, status=status)


class CleanInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = getattr(settings, "PRONGSAI_MAX_FIELD_CHARS", DEFAULT_MAX_FIELD_CHARS)
        try:
            request.GET = clean_querydict(request.GET, limit)
            if request.method not in ("GET", "HEAD", "OPTIONS"):
                if request.content_type == "application/json":
                    self._clean_json(request)
                elif request.content_type in (
                    "application/x-www-form-urlencoded",
                    "multipart/form-data",
                ):
                    request.POST = clean_querydict(request.POST, limit)
                    for name in request.FILES:
                        if _bad_digit(name):
                            raise Refused(_("ชื่อช่องข้อมูลไม่ถูกต้อง"), field=name)
        except Refused as refused:
            return refusal(request, refused.message, field=refused.field, code=refused.code)
        return self.get_response(request)

    @staticmethod
    def _clean_json(request) -> None:
        try:
            data = json.loads(request.body or b"null")
        except (ValueError, UnicodeDecodeError):
            return  # the API's own parser answers 400/422
        cleaned = clean_deep(data)
        if cleaned != data:
            request._body = json.dumps(cleaned, ensure_ascii=False).encode()

    def process_exception(self, request, exception):
        if isinstance(exception, DataError):
            log.warning("refused: %s", exception, exc_info=exception)
            return refusal(request, _data_error_message(exception), code="too_long")
        if isinstance(exception, IntegrityError):
            # a unique constraint met by two requests at once (double click, two tabs): the
            # other one won; a conflict to reload, not a crash
            log.warning("conflict: %s", exception, exc_info=exception)
            message = _(
                "บันทึกไม่ได้ เพราะข้อมูลนี้มีอยู่แล้วหรือเพิ่งถูกบันทึกจากอีกหน้าต่างหนึ่ง โปรดโหลดหน้าใหม่แล้วตรวจสอบอีกครั้ง"
            )
            return refusal(request, message, code="conflict", status=409)
        return None
