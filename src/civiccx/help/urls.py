from django.urls import include, path

from civiccx.help.views import public

app_name = "help"

urlpatterns = [
    path("help/", public.home, name="home"),
    path("help/search/", public.search, name="search"),
    path("help/suggest/", public.suggest, name="suggest"),
    path("help/topics/<slug:slug>/", public.category, name="category"),
    path("help/articles/<slug:slug>/", public.article, name="article"),
    path("help/articles/<slug:slug>/helpful/", public.vote, name="vote"),
    path("", include("civiccx.help.staff_urls")),
    path("", include("civiccx.help.analytics_urls")),
]
