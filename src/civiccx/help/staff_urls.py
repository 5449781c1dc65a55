"""The editors' pages (staff only): articles, drafts, review, history, synonyms."""

from django.urls import path

from civiccx.help.views import staff

urlpatterns = [
    path("staff/help/", staff.article_list, name="editor-articles"),
    path("staff/help/new/", staff.article_new, name="editor-new"),
    path("staff/help/preview/", staff.preview, name="editor-preview"),
    path("staff/help/synonyms/", staff.synonyms, name="editor-synonyms"),
    path("staff/help/synonyms/<int:pk>/", staff.synonym_edit, name="editor-synonym-edit"),
    path("staff/help/synonyms/<int:pk>/delete/", staff.synonym_delete,
         name="editor-synonym-delete"),
    path("staff/help/articles/<slug:slug>/", staff.article_detail, name="editor-article"),
    path("staff/help/articles/<slug:slug>/details/", staff.article_details,
         name="editor-details"),
    path("staff/help/articles/<slug:slug>/reviewed/", staff.mark_reviewed,
         name="editor-reviewed"),
    path("staff/help/articles/<slug:slug>/<str:language>/edit/", staff.edit_text,
         name="editor-edit"),
    path("staff/help/articles/<slug:slug>/<str:language>/history/", staff.history,
         name="editor-history"),
    path("staff/help/articles/<slug:slug>/<str:language>/revisions/<int:number>/",
         staff.revision_diff, name="editor-diff"),
    path("staff/help/articles/<slug:slug>/<str:language>/<str:action>/", staff.transition,
         name="editor-transition"),
]
