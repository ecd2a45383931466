"""Fast inserts for generated data: COPY on PostgreSQL, ``executemany`` on SQLite.

Columns not given get their field default (``auto_now``/``auto_now_add`` fields: now), so a
field another app adds with a default does not break the loader.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from itertools import islice

from django.db import connection, models
from django.utils import timezone


def _fill(model: type[models.Model], fields: Sequence[str]):
    """The extra columns and their values for the concrete fields not in ``fields``."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    extra_cols, extra_vals = [], []
    for f in model._meta.concrete_fields:
        if f.primary_key or f.name in fields or f.attname in fields:
            continue
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            value = now
        elif f.has_default() or not f.null:
            value = f.get_default()
            if isinstance(f, models.JSONField):
                value = json.dumps(value)
        else:
            value = None
        extra_cols.append(f.column)
        extra_vals.append(value)
    return extra_cols, tuple(extra_vals)


def insert(
    model: type[models.Model], fields: Sequence[str], rows: Iterable[tuple], chunk: int = 20000
) -> int:
    """Insert ``rows`` (tuples in the order of ``fields``, field or attname) into ``model``."""
    meta = model._meta
    cols = [
        meta.get_field(f.removesuffix("_id") if f.endswith("_id") else f).column for f in fields
    ]
    extra_cols, extra_vals = _fill(model, fields)
    qn = connection.ops.quote_name
    columns = ", ".join(qn(c) for c in [*cols, *extra_cols])
    count = 0
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            with cur.cursor.copy(f"COPY {qn(meta.db_table)} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row + extra_vals)
                    count += 1
            return count
        marks = ", ".join(["?"] * (len(cols) + len(extra_cols)))
        sql = f"INSERT INTO {qn(meta.db_table)} ({columns}) VALUES ({marks})"
        raw = cur.cursor
        it = iter(rows)
        while batch := [r + extra_vals for r in islice(it, chunk)]:
            # Django's cursor wrapper would rewrite %s to ?: go straight to sqlite3's.
            sqlite3.Cursor.executemany(raw, sql, batch)
            count += len(batch)
    return count


def next_id(model: type[models.Model]) -> int:
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def reset_sequences(*models_: type[models.Model]) -> None:
    """After inserting explicit ids, move PostgreSQL's sequences past them (SQLite needs none)."""
    if connection.vendor != "postgresql":
        return
    from django.core.management.color import no_style

    with connection.cursor() as cur:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models_)):
            cur.execute(sql)
