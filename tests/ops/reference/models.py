from django.db import models


class Item(models.Model):
    title = models.CharField(max_length=200)
    lead = models.TextField()
    published_at = models.DateTimeField(db_index=True)

    class Meta:
        app_label = "reference"
        ordering = ["-published_at"]

    def __str__(self):
        return self.title
