from django.urls import path

from civiccx.services import views

app_name = "services"

urlpatterns = [
    path("", views.home, name="home"),
    path("services/", views.service_list, name="service-list"),
    path("services/<slug:slug>/", views.service_detail, name="service-detail"),
    path("account/interactions/", views.my_interactions, name="my-interactions"),
    path("account/interactions/<int:pk>/", views.my_interaction_detail,
         name="my-interaction-detail"),
    path("staff/interactions/", views.staff_interactions, name="staff-interactions"),
    path("staff/interactions/<int:pk>/", views.staff_interaction_detail,
         name="staff-interaction-detail"),
]
