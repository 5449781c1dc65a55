"""People who sign in. Staff have roles (groups); the public sign in through OpenID Connect."""

from auditlog.registry import auditlog
from django.contrib.auth.models import AbstractUser
from django.db import models

from civiccx.core.fields import EncryptedTextField


class User(AbstractUser):
    """One account. For the public, `username` is derived from the identity provider's subject."""

    preferred_language = models.CharField(max_length=8, default="en")


class PublicIdentity(models.Model):
    """The link between a public user and their identity provider account (e.g. Login.gov)."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="public_identity")
    issuer = models.CharField(max_length=300)
    subject = models.CharField(max_length=255)
    email = EncryptedTextField(blank=True)
    assurance_level = models.CharField(max_length=100, blank=True)
    last_sign_in = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="unique_public_identity")
        ]

    def __str__(self):
        return f"Identity {self.pk}"


auditlog.register(User, exclude_fields=["password", "last_login"])
auditlog.register(PublicIdentity, mask_fields=["email"])
