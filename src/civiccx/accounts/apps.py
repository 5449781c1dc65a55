from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "civiccx.accounts"
    label = "accounts"
    verbose_name = "Accounts"
