import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def german_by_default():
    """Each test starts in German: a request to /en/ leaves English active in
    the thread, and model fields like `title` follow the active language."""
    translation.activate("de")
    yield
    translation.activate("de")


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache (rate limits, filter choices)."""
    cache.clear()


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded files of a test land in its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", is_staff=True)
    user.groups.add(Group.objects.get(name="Redaktion"))
    return user


@pytest.fixture
def manager(django_user_model):
    user = django_user_model.objects.create_user("manager", is_staff=True)
    user.groups.add(Group.objects.get(name="Management"))
    return user
