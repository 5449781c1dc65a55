import pytest
from django.urls import reverse

from tests.directfile.helpers import SINGLE, make_return
from tests.factories import make_public_user, make_service


@pytest.mark.django_db
def test_every_page_of_a_filed_return_opens(client, django_capture_on_commit_callbacks):
    make_service(slug="direct-file")
    user = make_public_user()
    client.force_login(user)
    tr = make_return(user, SINGLE)
    for name, args in (("directfile:landing", []), ("directfile:hub", [2024]),
                       ("directfile:screen", [2024, "your-name"]),
                       ("directfile:screen", [2024, "w2s"]),
                       ("directfile:screen", [2024, "review"]),
                       ("directfile:why", [2024, "16"]),
                       ("directfile:screen", [2024, "submit"]),
                       ("directfile:draft-pdf", [2024]),
                       ("directfile:print-and-mail", [2024])):
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200, (name, response.status_code)
    key = client.get(reverse("directfile:screen", args=[2024, "submit"])).context[
        "idempotency_key"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("directfile:screen", args=[2024, "submit"]),
                               {"idempotency_key": key})
    assert response.status_code == 302
    tr.refresh_from_db()
    assert tr.status == "accepted"
    assert client.get(reverse("directfile:status", args=[2024])).status_code == 200


@pytest.mark.pure
def test_every_engine_template_is_listed_for_translators():
    from pathlib import Path

    from civiccx.directfile import engine_words
    listed = Path(engine_words.__file__).with_name("catalogue_text.py").read_text()
    assert listed == engine_words.catalogue_source()
