from django.urls import path
from django.views.generic import ListView

from tests.ops.reference.models import Item

urlpatterns = [path("", ListView.as_view(model=Item, paginate_by=20), name="items")]
