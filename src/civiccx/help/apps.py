from django.apps import AppConfig


class HelpConfig(AppConfig):
    name = "civiccx.help"
    label = "help"
    verbose_name = "Help center"
    demo_seed = "civiccx.help.demo.seed"
