from django.urls import include, path

from civiccx.help import views

app_name = "help"

urlpatterns = [
    path("help/", views.home, name="home"),
    path("help/search/", views.search, name="search"),
    path("help/suggest/", views.suggest, name="suggest"),
    path("help/topics/<slug:slug>/", views.category, name="category"),
    path("help/articles/<slug:slug>/", views.article, name="article"),
    path("help/articles/<slug:slug>/helpful/", views.vote, name="vote"),
    path("", include("civiccx.help.staff_urls")),
    path("", include("civiccx.help.analytics_urls")),
]
