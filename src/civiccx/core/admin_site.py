"""The Django admin, opened only to staff who passed the second factor, via the staff sign-in."""

from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django_otp.admin import OTPAdminSite


class StaffAdminSite(OTPAdminSite):
    def login(self, request, extra_context=None):
        if request.user.is_authenticated and not request.user.is_verified():
            return redirect_to_login(request.get_full_path(), reverse("accounts:staff-verify"))
        return redirect_to_login(request.GET.get("next", request.get_full_path()),
                                 reverse("accounts:staff-login"))
