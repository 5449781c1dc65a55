"""The editors' pages (staff only): articles, drafts, review, history, synonyms."""

from django.urls import path

from civiccx.help import editor_views as views

urlpatterns = [
    path("staff/help/", views.article_list, name="editor-articles"),
    path("staff/help/new/", views.article_new, name="editor-new"),
    path("staff/help/preview/", views.preview, name="editor-preview"),
    path("staff/help/synonyms/", views.synonyms, name="editor-synonyms"),
    path("staff/help/synonyms/<int:pk>/", views.synonym_edit, name="editor-synonym-edit"),
    path("staff/help/synonyms/<int:pk>/delete/", views.synonym_delete,
         name="editor-synonym-delete"),
    path("staff/help/articles/<slug:slug>/", views.article_detail, name="editor-article"),
    path("staff/help/articles/<slug:slug>/details/", views.article_details,
         name="editor-details"),
    path("staff/help/articles/<slug:slug>/reviewed/", views.mark_reviewed,
         name="editor-reviewed"),
    path("staff/help/articles/<slug:slug>/<str:language>/edit/", views.edit_text,
         name="editor-edit"),
    path("staff/help/articles/<slug:slug>/<str:language>/history/", views.history,
         name="editor-history"),
    path("staff/help/articles/<slug:slug>/<str:language>/revisions/<int:number>/",
         views.revision_diff, name="editor-diff"),
    path("staff/help/articles/<slug:slug>/<str:language>/<str:action>/", views.transition,
         name="editor-transition"),
]
