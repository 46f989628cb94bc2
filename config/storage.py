"""Media in S3-compatible object storage (django-storages), when configured."""

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage


class MediaStorage(S3Storage):
    """Photos and renditions in the bucket, which need not be public.

    Their addresses stay under MEDIA_URL: every file is served by the app
    (config.views.media), which first checks who may see it, so a draft's
    photos stay private whatever the storage.
    """

    def url(self, name, parameters=None, expire=None, http_method=None):
        return settings.MEDIA_URL + filepath_to_uri(name)
