from django.apps import AppConfig


class PhoneConfig(AppConfig):
    name = "civiccx.phone"
    label = "phone"
    verbose_name = "Phone line and callbacks"
    demo_seed = "civiccx.phone.demo.seed"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from civiccx.core.roles import CSR, CX_ANALYST
        from civiccx.core.staff_tools import register_staff_tool

        register_staff_tool(_("CSR workspace: work callbacks"), "phone:workspace", {CSR})
        register_staff_tool(_("Phone queues and service level"), "phone:supervisor",
                            {CSR, CX_ANALYST})
        register_staff_tool(_("Wait estimate accuracy"), "phone:estimates", {CX_ANALYST})
