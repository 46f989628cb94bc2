"""A queryset compiled to SQL once per process, then run with new values.

Django builds and compiles a queryset anew for every request. For the lookup
of a report page by its address that was 1.0 ms of 1.2 (PostgreSQL's part,
the round trip included, 0.2 ms). `Prepared` builds the queryset once, with
sample values, finds where each sample went among the SQL's parameters, and
from then on runs that SQL with the request's values in their places: the
same statement the ORM would have sent, the rows turned into model instances.

On PostgreSQL the statement is sent with its values apart (server-side
binding), so psycopg prepares it once a connection has run it
`prepare_threshold` times (config/settings.py) and PostgreSQL no longer parses
and plans it for every request. Django's own cursors bind on the client and
are never prepared. Only a statement whose plan does not depend on its values
belongs here: PostgreSQL may keep one plan for all of them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import connections, models
from django.utils.translation import get_language


@dataclass(frozen=True)
class Compiled:
    sql: str
    params: tuple
    slots: tuple[tuple[int, str], ...]  # (position among params, value's name)
    # Model.from_db takes the values in the order of the model's fields: the
    # positions of the SQL's columns in that order, and their attnames.
    order: tuple[int, ...]
    names: tuple[str, ...]
    # What the ORM does to a column's value as read (compiler.get_converters):
    # (position, converters, expression), e.g. SQLite's text to datetime.
    converters: tuple[tuple[int, tuple, object], ...]


class Prepared:
    """`build(**samples)` returns the queryset; each sample must be a string no
    real request sends (it is found among the parameters by equality)."""

    def __init__(
        self,
        model: type[models.Model],
        fields: tuple[str, ...],
        build: Callable[..., models.QuerySet],
        **samples: object,
    ):
        self.model, self.fields, self.build, self.samples = (
            model,
            fields,
            build,
            samples,
        )
        self.compiled: dict[tuple, Compiled] = {}

    def _compile(self, alias: str) -> Compiled:
        queryset = self.build(**self.samples).values_list(*self.fields)
        compiler = queryset.query.get_compiler(alias)
        sql, params = compiler.as_sql()
        # In the order of the SQL, which need not be that of `fields`.
        columns = tuple(
            column.target.attname for column, _sql, _alias in compiler.select
        )
        names = {sample: name for name, sample in self.samples.items()}
        slots = tuple(
            (position, names[param])
            for position, param in enumerate(params)
            if isinstance(param, str) and param in names
        )
        missing = set(self.samples) - {name for _, name in slots}
        if missing:
            raise ValueError(f"The query does not use {sorted(missing)}")
        if sorted(columns) != sorted(self.fields):
            raise ValueError(f"The query selects {columns}, not {self.fields}")
        fields = [f.attname for f in self.model._meta.concrete_fields]
        order = tuple(
            sorted(range(len(columns)), key=lambda i: fields.index(columns[i]))
        )
        converters = tuple(
            (position, tuple(functions), expression)
            for position, (functions, expression) in compiler.get_converters(
                [column for column, _sql, _alias in compiler.select]
            ).items()
        )
        return Compiled(
            sql,
            tuple(params),
            slots,
            order,
            tuple(columns[i] for i in order),
            converters,
        )

    @staticmethod
    def _convert(alias: str, compiled: Compiled, row: list) -> list:
        connection = connections[alias]
        for position, functions, expression in compiled.converters:
            for function in functions:
                row[position] = function(row[position], expression, connection)
        return row

    def instances(self, alias: str = "default", **values: object) -> list[models.Model]:
        key = (alias, get_language())
        compiled = self.compiled.get(key)
        if compiled is None:
            compiled = self.compiled[key] = self._compile(alias)
        params = list(compiled.params)
        for position, name in compiled.slots:
            params[position] = values[name]
        connection = connections[alias]
        # On PostgreSQL a cursor psycopg may prepare (config/postgresql).
        make_cursor = getattr(connection, "server_binding_cursor", connection.cursor)
        with make_cursor() as db:
            db.execute(compiled.sql, params)
            rows = db.fetchall()
        if compiled.converters:
            rows = [self._convert(alias, compiled, list(row)) for row in rows]
        return [
            self.model.from_db(alias, compiled.names, [row[i] for i in compiled.order])
            for row in rows
        ]
