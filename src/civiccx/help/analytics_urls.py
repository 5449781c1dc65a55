"""Search analytics for editors and analysts (staff only)."""

urlpatterns: list = []
