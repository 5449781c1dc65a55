from django.urls import path

from civiccx.research.views import public, recruiter, staff

app_name = "research"

urlpatterns = [
    path("research/", public.index, name="public-index"),
    path("research/personas/<slug:slug>/", public.persona, name="public-persona"),
    path("research/life-experiences/<slug:slug>/", public.life_experience,
         name="public-life-experience"),
    path("staff/research/", staff.studies, name="studies"),
    path("staff/research/search/", staff.search, name="search"),
    path("staff/research/studies/<int:pk>/", staff.study, name="study"),
    path("staff/research/studies/<int:pk>/participants/new/", staff.participant_new,
         name="participant-new"),
    path("staff/research/studies/<int:pk>/participants.csv", staff.participants_csv,
         name="participants-csv"),
    path("staff/research/studies/<int:pk>/sessions/new/", staff.session_new,
         name="session-new"),
    path("staff/research/studies/<int:pk>/insights/new/", staff.insight_new,
         name="insight-new"),
    path("staff/research/studies/<int:pk>/codebook.qdc", staff.codebook_qdc,
         name="codebook-qdc"),
    path("staff/research/studies/<int:pk>/codebook.csv", staff.codebook_csv,
         name="codebook-csv"),
    path("staff/research/studies/<int:pk>/codebook/import/", staff.codebook_import,
         name="codebook-import"),
    path("staff/research/sessions/<int:pk>/", staff.session, name="session"),
    path("staff/research/participants/<int:pk>/withdraw/", staff.participant_withdraw,
         name="participant-withdraw"),
    path("staff/research/receipts/<uuid:number>/", staff.receipt, name="receipt"),
    path("staff/research/stories/", staff.stories, name="stories"),
    path("staff/research/personas/new/", staff.persona_edit, name="persona-new"),
    path("staff/research/personas/<slug:slug>/", staff.persona_edit, name="persona-edit"),
    path("staff/research/life-experiences/new/", staff.life_edit, name="life-new"),
    path("staff/research/life-experiences/<slug:slug>/", staff.life_edit, name="life-edit"),
    path("staff/research/<str:kind>/<slug:slug>/publish/", staff.publish, name="publish"),
    path("staff/research/pool/", recruiter.pool, name="pool"),
    path("staff/research/participants/<int:pk>/contact/", recruiter.contact, name="contact"),
]
