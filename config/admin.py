"""What every admin of public content shares."""

from config.page_cache import public_content_changed


class PublicContentAdminMixin:
    """Any change staff make to public content makes cached pages stale.

    The admin logs every addition, change and deletion; hooking the log
    catches them all, inlines included.
    """

    def log_addition(self, request, obj, message):
        public_content_changed()
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        public_content_changed()
        return super().log_change(request, obj, message)

    def log_deletion(self, request, obj, object_repr):
        public_content_changed()
        return super().log_deletion(request, obj, object_repr)

    def log_deletions(self, request, queryset):
        public_content_changed()
        return super().log_deletions(request, queryset)
