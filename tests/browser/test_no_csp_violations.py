"""Pages keep to the Content Security Policy (no inline styles or scripts) while people use
them, not only when they load: voting "Was this page helpful?" reported a CSP violation for an
inline style (issue #18 item 18)."""

import re

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__csp.push(event.violatedDirective + " " + (event.blockedURI || "inline") + " "
                    + (event.sample || ""));
});
"""


@pytest.fixture
def demo_articles(seed_demo):
    seed_demo("help")


@pytest.mark.parametrize(("prefix", "answer"), [("", "yes"), ("/es", "no")])
def test_voting_on_a_demo_article_breaks_no_csp_rule(live_server, page, assert_accessible,
                                                    demo_articles, prefix, answer):
    page.add_init_script(LISTEN)
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(f"{live_server.url}{prefix}/help/articles/check-your-refund-status/")
    page.locator(f"#helpful button[value={answer}]").click()
    page.locator("#helpful-heading[autofocus]").wait_for()
    page.wait_for_function("document.activeElement && document.activeElement.id === "
                           "'helpful-heading'")
    if answer == "no":
        page.locator("#helpful textarea").fill("When will it arrive?")
        page.locator("#helpful button[type=submit]").click()
        page.locator("#helpful [role=status]").last.wait_for()
    assert page.evaluate("window.__csp") == []
    assert not [text for text in console if re.search(r"Content Security Policy", text)]
    assert_accessible(page, f"article after voting {answer}")
