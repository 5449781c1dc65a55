from django.urls import path

from civiccx.accounts.views import public, staff

app_name = "accounts"

urlpatterns = [
    path("staff/sign-in/", staff.staff_login, name="staff-login"),
    path("staff/sign-in/code/", staff.staff_verify, name="staff-verify"),
    path("staff/sign-in/set-up-app/", staff.staff_enroll, name="staff-enroll"),
    path("staff/accounts/locked/", staff.lockouts, name="lockouts"),
    path("staff/accounts/locked/unlock/", staff.unlock_sign_in, name="unlock"),
    path("account/sign-out/", public.sign_out, name="sign-out"),
    path("account/sign-in/", public.public_sign_in, name="public-sign-in"),
    path("account/sign-in/start/", public.public_sign_in_start, name="public-sign-in-start"),
    path("account/sign-in/callback/", public.oidc_callback, name="oidc-callback"),
]
