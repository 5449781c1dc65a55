"""The editors' pages (staff only): articles, drafts, review, history."""

urlpatterns: list = []
