"""Pieces kept per content version (config.fragments): each app server's own
copy of what it read saves round trips, and never outlives the shared entry."""

from unittest import mock

import pytest
from django.core.cache import cache

from config import fragments
from events.filters import EventFilter, ReportFilter


@pytest.fixture
def recent(monkeypatch):
    # Room for three of the small pieces below.
    fresh = fragments.Recent(budget=3 * fragments.size_of("a"))
    monkeypatch.setattr(fragments, "RECENT", fresh)
    return fresh


def test_a_piece_read_once_needs_no_further_round_trip(recent):
    made = []
    fragments.one(7, "fragment:7:a", lambda: made.append(1) or "<p>a</p>")
    with mock.patch.object(cache, "get_many", wraps=cache.get_many) as shared:
        assert fragments.one(7, "fragment:7:a", lambda: "other") == "<p>a</p>"
    assert shared.call_count == 0
    assert made == [1]


def test_a_piece_made_by_another_server_is_read_from_the_shared_cache(recent):
    fragments.one(7, "fragment:7:a", lambda: "<p>theirs</p>")
    recent.pieces.clear()  # this server has not seen it

    assert fragments.one(7, "fragment:7:a", lambda: "<p>mine</p>") == "<p>theirs</p>"


def test_a_piece_stored_by_an_older_release_is_never_read(recent):
    """During a rolling deploy both releases share Redis and the version."""
    old_form = fragments.key(7, "card", 1)
    cache.set(old_form, "<p>a piece without its deadline</p>")

    assert fragments.PREFIX != "fragment"
    assert fragments.key(7, "card", 1).startswith(f"{fragments.PREFIX}:7:")
    assert fragments.one(7, old_form, lambda: "<p>made anew</p>") == "<p>made anew</p>"
    assert cache.get(old_form)[1] == "<p>made anew</p>"


def test_a_new_content_version_empties_the_copy(recent):
    fragments.one(7, "fragment:7:a", lambda: "old")
    fragments.one(8, "fragment:8:a", lambda: "new")

    assert list(recent.pieces) == ["fragment:8:a"]
    # A request that still reads the old version finds nothing kept here.
    assert recent.get_many(7, ["fragment:7:a"]) == {}


def test_a_copy_ends_when_its_shared_entry_does(recent):
    fragments.one(7, "fragment:7:count", lambda: 12, timeout=60)
    cache.delete("fragment:7:count")  # as Redis does after 60 s
    later = fragments.time.time() + 61
    with mock.patch.object(fragments.time, "time", return_value=later):
        assert fragments.one(7, "fragment:7:count", lambda: 13, timeout=60) == 13


def test_the_copy_keeps_the_pieces_read_last(recent):
    for name in "abcd":
        fragments.one(7, f"fragment:7:{name}", lambda name=name: name)
    fragments.one(7, "fragment:7:b", lambda: "again")  # read: kept longer
    fragments.one(7, "fragment:7:e", lambda: "e")

    assert list(recent.pieces) == ["fragment:7:d", "fragment:7:b", "fragment:7:e"]


def test_the_copy_holds_about_as_many_bytes_as_its_budget():
    recent = fragments.Recent(budget=10_000)
    recent.get_many(7, [])
    recent.put_many(7, {f"body-{n}": (2e9, "x" * 1500) for n in range(5)})

    assert list(recent.pieces) == ["body-2", "body-3", "body-4"]
    assert recent.used == 3 * fragments.size_of("x" * 1500) <= 10_000
    recent.put_many(7, {"huge": (2e9, {"content": "x" * 20_000})})
    assert "huge" not in recent.pieces


def test_without_a_version_nothing_is_kept(recent):
    assert fragments.one(0, "fragment:0:a", lambda: "made") == "made"
    assert not recent.pieces


# -- Filters: copied per request, sharing their choices ------------------------


@pytest.mark.django_db
def test_each_filter_copy_has_its_own_options_and_method():
    first = ReportFilter({"country": "CA"}, version=0)
    second = ReportFilter({}, version=0)
    first.filters["country"].extra["choices"] = [("CA", "Kanada")]

    assert second.filters["country"].extra["choices"] != [("CA", "Kanada")]
    assert first.filters["country"].parent is first
    assert second.filters["country"].parent is second
    # The method is the copy's own: the filter runs on its filterset.
    assert '"events_reportfacet"."value" = CA' in str(first.qs.query)
    assert "events_reportfacet" not in str(second.qs.query)


@pytest.mark.django_db
def test_forms_of_two_requests_share_their_fields_but_not_data_or_errors():
    first, second = (
        EventFilter({"country": "CA"}).form,
        EventFilter({"country": "XX"}).form,
    )

    assert first.fields["country"] is second.fields["country"]
    assert first.is_valid() and first.cleaned_data["country"] == "CA"
    assert not second.is_valid() and "country" in second.errors
    assert first.is_valid()  # the other request's error is not this one's


@pytest.mark.django_db
def test_other_choices_make_another_field():
    kept = ReportFilter({}, version=0)
    kept.filters["country"].extra["choices"] = [("CA", "Kanada")]
    other = ReportFilter({}, version=0)
    other.filters["country"].extra["choices"] = [("KR", "Südkorea")]

    assert list(kept.form.fields["country"].choices)[1:] == [("CA", "Kanada")]
    assert list(other.form.fields["country"].choices)[1:] == [("KR", "Südkorea")]
    assert "KR" not in str(kept.form["country"])
