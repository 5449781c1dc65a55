from django.urls import path

from civiccx.accounts import views

app_name = "accounts"

urlpatterns = [
    path("staff/sign-in/", views.staff_login, name="staff-login"),
    path("staff/sign-in/code/", views.staff_verify, name="staff-verify"),
    path("staff/sign-in/set-up-app/", views.staff_enroll, name="staff-enroll"),
    path("account/sign-out/", views.sign_out, name="sign-out"),
    path("account/sign-in/", views.public_sign_in, name="public-sign-in"),
    path("account/sign-in/start/", views.public_sign_in_start, name="public-sign-in-start"),
    path("account/sign-in/callback/", views.oidc_callback, name="oidc-callback"),
]
