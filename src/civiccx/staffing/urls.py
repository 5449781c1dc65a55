from django.urls import path

from civiccx.staffing.views import staff

app_name = "staffing"

urlpatterns = [path("staff/staffing/", staff.planner, name="planner")]
