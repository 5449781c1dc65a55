"""`civiccx demo_code USERNAME`: the current authenticator code of a demo staff account.

Development only: it refuses to run outside the development settings, so it cannot weaken a
real deployment.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Print the current 6-digit code for a demo staff account (development only)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        if not getattr(settings, "CIVICCX_DEVELOPMENT", False):
            raise CommandError("demo_code works only in development (civiccx.settings."
                               "development).")
        device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
        if device is None:
            raise CommandError(f"No authenticator is set up for {username!r}.")
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        self.stdout.write(f"{code:0{device.digits}d}")
