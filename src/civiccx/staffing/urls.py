from django.urls import path

from civiccx.staffing import views

app_name = "staffing"

urlpatterns = [path("staff/staffing/", views.planner, name="planner")]
