"""Every public page, and how to reach it. The meta-test keeps this list complete."""

from datetime import date

from civiccx.core.fiscal import fiscal_quarter
from civiccx.core.policy_pages import POLICY_PAGES

# The demo publishes progress reports for the two quarters before today's (reports/demo.py).
_REPORTED = str(fiscal_quarter(date.today()).previous())

# URL name -> paths to check (English paths; each is also checked under /es/).
AXE_PAGES = {
    "services:home": ["/"],
    "services:service-list": ["/services/"],
    "services:service-detail": ["/services/walk-in-assistance/", "/services/direct-file/"],
    "core:policy-page": [f"/about/{page.slug}/" for page in POLICY_PAGES.values()
                         if not page.url_name],
    "core:report-problem": ["/report-a-problem/?page=/services/"],
    "core:report-problem-thanks": ["/report-a-problem/thanks/"],
    "accounts:staff-login": ["/staff/sign-in/"],
    "accounts:public-sign-in": ["/account/sign-in/"],
    "feedback:hosted": ["/feedback/phone-assistance/phone/", "/feedback/direct-file/web/"],
    "feedback:thanks": ["/feedback/thank-you/"],
    "feedback:embed-thanks": ["/feedback/embed/thank-you/"],
    "phone:request-callback": ["/phone/callback/main-line/"],
    "walkin:find": ["/visit/", "/visit/?zip_code=77002", "/visit/?state=AZ"],
    "walkin:center": ["/visit/houston-tx/"],
    "walkin:book": ["/visit/houston-tx/book/"],
    "walkin:manage": ["/visit/appointment/"],
    "walkin:kiosk": ["/visit/houston-tx/kiosk/"],
    "walkin:lobby": ["/visit/houston-tx/display/"],
    "help:home": ["/help/"],
    "help:search": ["/help/search/", "/help/search/?q=wheres+my+refund",
                    "/help/search/?q=quantum+physics", "/help/search/?q=renew+my+passport",
                    "/help/search/?q=licencia+de+conducir"],
    "help:category": ["/help/topics/refunds/"],
    "help:article": ["/help/articles/check-your-refund-status/"],
    "directfile:landing": ["/direct-file/"],
    "directfile:checker": ["/direct-file/check/"],
    "directfile:checker-step": ["/direct-file/check/income/", "/direct-file/check/situations/",
                                "/direct-file/check/credits/"],
    "directfile:checker-result": ["/direct-file/check/result/"],
    "directfile:session-ended": ["/direct-file/session/ended/"],
    "directfile:statistics": ["/direct-file/statistics/"],
    "research:public-index": ["/research/"],
    "research:public-persona": ["/research/personas/maria-first-time-parent/"],
    "research:public-life-experience": ["/research/life-experiences/having-a-child/"],
    "reports:index": ["/performance/"],
    "reports:commitments": ["/performance/commitments/"],
    "reports:data-dictionary": ["/performance/data-dictionary/"],
    "reports:report": [f"/performance/phone-assistance/{_REPORTED}/"],
    "reports:report-version": [f"/performance/walk-in-assistance/{_REPORTED}/v1/"],
    # the demo's reports for partners (reports/demo.py AUDIENCE_REPORTS)
    "reports:partners-index": ["/performance/partners/"],
    "reports:partners-report": [f"/performance/partners/phone-assistance/{_REPORTED}/"],
    "reports:partners-report-version": [
        f"/performance/partners/phone-assistance/{_REPORTED}/v1/"],
}

# Pages behind a sign-in; their browser tests run axe once signed in.
SIGNED_IN_PAGES = {
    "services:my-interactions": "tests/browser/test_sign_in.py (public)",
    "services:my-interaction-detail": "tests/browser/test_sign_in.py (public)",
    "accounts:staff-verify": "tests/browser/test_sign_in.py (staff)",
    "accounts:staff-enroll": "tests/browser/test_sign_in.py (staff enrollment)",
    "feedback:invitation": "tests/browser/test_feedback.py (signed link)",
    "feedback:embed": "tests/browser/test_feedback.py (widget on a third-party page)",
    "phone:confirmation": "tests/browser/test_phone.py (after a request)",
    "phone:cancel": "tests/browser/test_phone.py (signed link)",
    "walkin:confirmation": "tests/browser/test_walkin.py (signed link, after booking)",
    "walkin:change": "tests/browser/test_walkin.py (signed link)",
    "walkin:cancel": "tests/browser/test_walkin.py (signed link)",
    "walkin:ticket": "tests/browser/test_walkin.py (signed link, after check-in)",
    "directfile:hub": "tests/browser/test_directfile.py (every screen of four filers)",
    "directfile:screen": "tests/browser/test_directfile.py (every screen of four filers)",
    "directfile:item-screen": "tests/browser/test_directfile.py (W-2, dependents, forms)",
    "directfile:knockout": "tests/browser/test_directfile.py (business income)",
    "directfile:why": "tests/browser/test_directfile.py (line 16)",
    "directfile:status": "tests/browser/test_directfile.py (after submitting)",
    "directfile:print-and-mail": "tests/browser/test_directfile.py (screenshots) and "
                                 "tests/directfile/test_smoke_pages.py",
}

# Endpoints that only redirect or accept a POST: there is no page to check.
NOT_PAGES = {
    "accounts:public-sign-in-start": "redirects to the identity provider",
    "accounts:oidc-callback": "redirects after checking the provider's answer",
    "accounts:sign-out": "POST only, then redirects",
    "phone-webhooks:voice-start": "Twilio webhook (TwiML, not a page)",
    "phone-webhooks:voice-language": "Twilio webhook (TwiML, not a page)",
    "phone-webhooks:voice-choice": "Twilio webhook (TwiML, not a page)",
    "phone-webhooks:voice-number": "Twilio webhook (TwiML, not a page)",
    "phone-webhooks:voice-entered": "Twilio webhook (TwiML, not a page)",
    "phone-webhooks:sms-reply": "Twilio webhook (TwiML, not a page)",
    "walkin:ics": "an iCalendar file, checked by tests/walkin/test_pages.py",
    "walkin:ticket-status": "an HTML fragment polled into the ticket page",
    "walkin:lobby-board": "an HTML fragment polled into the lobby display",
    "help:suggest": "an HTML fragment swapped in under the search box (tests/browser/test_help.py)",
    "help:vote": "POST only; the thanks and comment form show on the article (test_help.py)",
    "directfile:start": "POST only, then redirects to the hub",
    "directfile:resume": "redirects to the screen where the filer left off",
    "directfile:loop": "POST only (add, remove, done), then redirects",
    "directfile:keep-alive": "POST only (the idle-timeout dialog), answers 204",
    "directfile:draft-pdf": "a PDF, checked by tests/directfile/test_returns.py",
    "directfile:submission-pdf": "a PDF, checked by tests/browser/test_directfile.py",
    "reports:feed": "an Atom feed, parsed with feedparser by tests/reports/test_publication.py",
    "reports:report-pdf": "a PDF, rendered by tests/reports/test_publication.py",
    "reports:report-csv": "open data (CSV), checked by tests/reports/test_publication.py",
    "reports:report-json": "open data (JSON), checked by tests/reports/test_publication.py",
    "reports:partners-report-pdf": "a PDF, checked by tests/reports/test_audiences.py",
    "reports:partners-report-csv": "open data (CSV), checked by tests/reports/test_audiences.py",
    "reports:partners-report-json": "open data (JSON), checked by tests/reports/test_audiences.py",
}
