from django.urls import path
from django.utils.translation import gettext_lazy as _

from events import feeds, views

app_name = "events"

urlpatterns = [
    path("", views.home, name="home"),
    path(_("berichte/"), views.ReportListView.as_view(), name="report_list"),
    path(_("berichte/rss/"), feeds.LatestReportsFeed(), name="report_feed_rss"),
    path(_("berichte/atom/"), feeds.LatestReportsAtomFeed(), name="report_feed_atom"),
    path(
        _("berichte/<slug:slug>/"),
        views.ReportDetailView.as_view(),
        name="report_detail",
    ),
    path(_("termine/"), views.EventListView.as_view(), name="event_list"),
    path(_("zahlen/"), views.figures_page, name="figures"),
    path(_("termine/kalender.ics"), views.calendar_ics, name="calendar_ics"),
    path(
        _("termine/<slug:slug>/"), views.EventDetailView.as_view(), name="event_detail"
    ),
    path(_("termine/<slug:slug>.ics"), views.event_ics, name="event_ics"),
]
