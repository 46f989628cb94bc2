"""Media in S3-compatible object storage (django-storages), when configured."""

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage


class MediaStorage(S3Storage):
    """Photos and renditions in the bucket.

    Where the app serves media itself (DJANGO_SERVE_MEDIA, behind the proxy)
    their addresses stay under MEDIA_URL, so the bucket need not be public
    and every request for a file passes the app's own checks and headers.
    Otherwise the bucket's address (or DJANGO_MEDIA_HOST) is used.
    """

    def url(self, name, parameters=None, expire=None, http_method=None):
        if settings.HORIZONT_SERVE_MEDIA:
            return settings.MEDIA_URL + filepath_to_uri(name)
        return super().url(name, parameters, expire, http_method)
