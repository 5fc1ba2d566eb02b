"""Inserting many rows in few statements, without the ORM's per-value compiling.

`QuerySet.bulk_create` spends most of an import's time compiling SQL: for every value of
every row it runs `pre_save`, `get_db_prep_save` and builds a placeholder, and each row is a
model instance first (bench/workbook.py, profiled: 6.6 of 13.3 s applying 5,000 actions).
Here the statement is built once per batch, values that need no conversion (text, numbers,
booleans, keys) are passed as they are and the rest go through the field's own
`get_db_prep_save`, so the database receives what the ORM would send.

It writes; it does not validate, send signals or fill defaults the caller did not give
(a missing value is the field's default). Callers validate first (`full_clean`).
"""

from collections.abc import Iterable, Sequence

from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.db.models.fields import AutoFieldMixin

# Field types whose Python values the database drivers take as they are.
AS_IS = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.ForeignKey,
)


def _columns(model) -> list:
    """Every column but an automatic primary key, which the database numbers."""
    pk = model._meta.pk
    auto_pk = isinstance(pk, AutoFieldMixin)
    return [f for f in model._meta.concrete_fields if not (auto_pk and f is pk)]


def _converter(field, db):
    if isinstance(field, AS_IS) and not isinstance(field, models.DateField):
        return None
    return lambda value: field.get_db_prep_save(value, db)


def insert_rows(model, rows: Sequence[dict], *, returning: bool = False) -> list[int]:
    """INSERT each row ({attname: value}) into the model's table; returns the new primary
    keys in order when asked (PostgreSQL and SQLite >= 3.35 return them in order, as Django's
    own bulk_create assumes)."""
    if not rows:
        return []
    fields = _columns(model)
    defaults = {f.attname: f.get_default() for f in fields if f.attname not in rows[0]}
    db = connections[DEFAULT_DB_ALIAS]  # the proxy `connection` costs a lookup a value
    converters = [(f.attname, _converter(f, db)) for f in fields]
    quote = connection.ops.quote_name
    head = (
        f"INSERT INTO {quote(model._meta.db_table)} "
        f"({', '.join(quote(f.column) for f in fields)}) VALUES "
    )
    one = f"({', '.join(['%s'] * len(fields))})"
    tail = f" RETURNING {quote(model._meta.pk.column)}" if returning else ""
    batch = max(1, min(500, _max_params() // len(fields)))
    ids: list[int] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            params = []
            for row in chunk:
                for attname, convert in converters:
                    value = row[attname] if attname in row else defaults[attname]
                    params.append(value if convert is None or value is None else convert(value))
            cursor.execute(head + ", ".join([one] * len(chunk)) + tail, params)
            if returning:
                ids += [row[0] for row in cursor.fetchall()]
    return ids


def insert_instances(model, objects: Iterable[models.Model]) -> list[models.Model]:
    """Save new, validated instances as bulk_create would (auto_now fields set, primary keys
    filled in), in a few statements."""
    objects = list(objects)
    fields = _columns(model)
    for obj in objects:
        # A related object saved since it was assigned gives its key now (bulk_create's own
        # step; it refuses one still unsaved).
        obj._prepare_related_fields_for_save(operation_name="insert_instances")
        for field in fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                field.pre_save(obj, add=True)
    rows = [{f.attname: getattr(obj, f.attname) for f in fields} for obj in objects]
    for obj, pk in zip(objects, insert_rows(model, rows, returning=True), strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = connection.alias
    return objects


def _max_params() -> int:
    # PostgreSQL has no limit Django knows of (its own is 65,535 parameters a statement).
    limit = connection.features.max_query_params
    return 30_000 if limit is None else limit
