from django.urls import path, register_converter

from civiccx.reports.views import public, staff


class QuarterConverter:
    regex = r"FY\d{4}Q[1-4]"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(QuarterConverter, "quarter")

app_name = "reports"

REPORT = "performance/<slug:service>/<quarter:quarter>/"
VERSION = REPORT + "v<int:version>/"
# Reports for partners and the community are public; reports for employees need a staff
# sign-in, so they live under /staff/.
AUDIENCE_ROOTS = {"partners": "performance/partners/", "employees": "staff/performance/"}


def _audience_paths(audience: str, root: str) -> list:
    report = root + "<slug:service>/<quarter:quarter>/"
    version = report + "v<int:version>/"
    kwargs = {"audience": audience}
    return [
        path(root, public.audience_index, kwargs, name=f"{audience}-index"),
        path(report, public.report, kwargs, name=f"{audience}-report"),
        path(version, public.report, kwargs, name=f"{audience}-report-version"),
        path(version + "report.pdf", public.report_pdf_file, kwargs, name=f"{audience}-report-pdf"),
        path(version + "data.csv", public.report_csv, kwargs, name=f"{audience}-report-csv"),
        path(version + "data.json", public.report_json, kwargs, name=f"{audience}-report-json"),
    ]


urlpatterns = [
    *_audience_paths("partners", AUDIENCE_ROOTS["partners"]),
    *_audience_paths("employees", AUDIENCE_ROOTS["employees"]),
    path("performance/", public.index, name="index"),
    path("performance/commitments/", public.commitments, name="commitments"),
    path("performance/data-dictionary/", public.data_dictionary, name="data-dictionary"),
    path("performance/feed.atom", public.atom_feed, name="feed"),
    path(REPORT, public.report, name="report"),
    path(VERSION, public.report, name="report-version"),
    path(VERSION + "report.pdf", public.report_pdf_file, name="report-pdf"),
    path(VERSION + "data.csv", public.report_csv, name="report-csv"),
    path(VERSION + "data.json", public.report_json, name="report-json"),
    path("staff/reports/", staff.home, name="staff-home"),
    path("staff/reports/new/", staff.start, name="start"),
    path("staff/reports/<int:pk>/", staff.edit, name="edit"),
    path("staff/reports/<int:pk>/preview.pdf", staff.preview_pdf, name="preview-pdf"),
    path("staff/reports/<int:pk>/<str:step>/", staff.step, name="step"),
    path("staff/reports/commitments/new/", staff.commitment_new, name="commitment-new"),
    path("staff/reports/commitments/<int:pk>/", staff.commitment_status, name="commitment-status"),
    path("staff/reports/quotes/", staff.quote_new, name="quotes"),
    path("staff/reports/capacity/", staff.capacity_new, name="capacity-new"),
]
