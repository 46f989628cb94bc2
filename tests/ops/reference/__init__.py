"""The plain Django reference of `make bench`: a ListView on PostgreSQL.

A project as `django-admin startproject` makes it (its apps and middleware,
without the admin) with one model and one generic ListView: 20 rows a page,
two queries (the count and the page). `make bench` serves it from a table of
10,000 and one of 100,000 rows (settings: tests/ops/reference/settings.py).
"""
