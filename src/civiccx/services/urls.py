from django.urls import path

from civiccx.services.views import public, staff

app_name = "services"

urlpatterns = [
    path("", public.home, name="home"),
    path("services/", public.service_list, name="service-list"),
    path("services/<slug:slug>/", public.service_detail, name="service-detail"),
    path("account/interactions/", public.my_interactions, name="my-interactions"),
    path("account/interactions/<int:pk>/", public.my_interaction_detail,
         name="my-interaction-detail"),
    path("staff/interactions/", staff.staff_interactions, name="staff-interactions"),
    path("staff/interactions/<int:pk>/", staff.staff_interaction_detail,
         name="staff-interaction-detail"),
]
