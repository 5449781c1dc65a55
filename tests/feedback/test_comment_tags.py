import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civiccx.feedback.comment_tags import (
    TOPICS,
    detect_language,
    score_sentiment,
    tag_comment,
    tag_topics,
)

pytestmark = pytest.mark.pure

EXAMPLES = [
    # (comment, sentiment label, topics, language)
    ("The agent was very helpful and polite", "positive", {"staff_courtesy"}, "en"),
    ("I waited on hold for 3 hours and then they hung up!!", "negative",
     {"wait_time", "phone"}, "en"),
    ("Website kept crashing when I tried to log in", "negative", {"website"}, "en"),
    ("ID verification failed three times", "negative", {"identity"}, "en"),
    ("Payment plan was easy to set up", "positive", {"payment"}, "en"),
    ("Too many forms and confusing instructions", "negative", {"forms_paperwork"}, "en"),
    ("Where's my refund? It's been 8 weeks", "neutral", {"refund", "wait_time"}, "en"),
    ("Direct deposit arrived on time, thank you", "positive", {"refund"}, "en"),
    ("I needed a Spanish interpreter and there was none", "neutral", {"language_access"}, "en"),
    ("Got an appointment at the office the same week, great", "positive", {"in_person"}, "en"),
    ("The lobby was not wheelchair accessible", "neutral", {"in_person", "accessibility"}, "en"),
    ("No me ayudaron, esperé dos horas en la fila", "negative", {"wait_time"}, "es"),
    ("Muy amable la señorita, muchas gracias", "positive", {"staff_courtesy"}, "es"),
    ("Necesito un intérprete, no hablo inglés", "neutral", {"language_access"}, "es"),
    ("Nadie contestó el teléfono y me colgaron", "negative", {"phone"}, "es"),
    ("La página web es muy confusa y la contraseña no funciona", "negative", {"website"}, "es"),
    ("Recibí mi reembolso por depósito directo, excelente servicio", "positive",
     {"refund"}, "es"),
    ("Me robaron la identidad y el proceso de verificación fue pésimo", "negative",
     {"identity"}, "es"),
    ("El plan de pagos fue fácil", "positive", {"payment"}, "es"),
    ("Demasiado papeleo, formularios complicados", "negative", {"forms_paperwork"}, "es"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "label", "topics", "language"), EXAMPLES)
def test_examples(text, label, topics, language):
    tags = tag_comment(text)
    assert tags.sentiment.label == label, tags.sentiment
    assert set(tags.topics) == topics
    assert tags.language == language


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("helpful", "positive"),
        ("not helpful", "negative"),
        ("bad", "negative"),
        ("not bad", "positive"),
        ("I didn't have any problems", "positive"),
        ("no problems at all", "positive"),
        ("no me ayudaron", "negative"),
        ("todo bien", "positive"),
        ("nada bien", "negative"),
        ("", "neutral"),
        ("I filed Form 1040 on April 15", "neutral"),
        ("\U0001f44d", "positive"),
        ("\U0001f621", "negative"),
    ],
)
def test_negation_and_neutral(text, label):
    assert score_sentiment(text).label == label


def test_intensifiers_and_exclamations_strengthen():
    plain = score_sentiment("helpful").score
    assert score_sentiment("very helpful").score > plain
    assert score_sentiment("helpful!!!").score > plain
    assert score_sentiment("muy amable").score > score_sentiment("amable").score


def test_but_shifts_weight_to_what_follows():
    assert score_sentiment("The staff was nice but the wait was terrible").label == "negative"
    assert score_sentiment("The wait was terrible but the staff was wonderful").label == "positive"
    assert score_sentiment("Largo, pero el personal fue excelente").label == "positive"
    assert score_sentiment("Tardaron, sin embargo el personal fue excelente").label == "positive"


def test_score_matches_vader_normalisation():
    # "great" = +3 -> 3 / sqrt(9 + 15)
    assert score_sentiment("great").score == pytest.approx(3 / math.sqrt(24), abs=1e-4)
    assert score_sentiment("great").hits == (("great", 3.0),)


def test_stemming_light_and_longest_match():
    assert tag_topics("I was waiting and waiting")["wait_time"] == ("waiting",)
    assert "wait_time" in tag_topics("esperamos mucho")
    assert score_sentiment("I felt helpless").label == "negative"  # not "help"
    assert tag_topics("llamamos tres veces")["phone"] == ("llamamos",)


def test_accents_and_case_do_not_matter():
    assert tag_topics("TELÉFONO") == tag_topics("telefono") == {"phone": ("telefono",)}
    assert score_sentiment("PÉSIMO").label == score_sentiment("pesimo").label == "negative"


def test_my_name_is_is_not_a_phone_call():
    assert "phone" not in tag_topics("Me llamo [NAME] y todo bien")


def test_short_words_match_whole_words_only():
    assert "identity" not in tag_topics("I did my taxes")
    assert "website" not in tag_topics("happy")


def test_topics_have_labels_in_both_languages_and_terms():
    for topic, spec in TOPICS.items():
        assert spec["label"]["en"] and spec["label"]["es"], topic
        assert len(spec["terms"]) >= 5, topic
    assert {"wait_time", "phone", "website", "refund", "identity", "staff_courtesy",
            "forms_paperwork", "payment", "language_access"} <= set(TOPICS)  # fmt: skip


def test_detect_language():
    assert detect_language("The phone line was busy all day") == "en"
    assert detect_language("La línea estaba ocupada todo el día") == "es"
    assert detect_language("¿Dónde está?") == "es"
    assert detect_language("") == "en"


def test_tag_comment_rejects_non_text():
    with pytest.raises(TypeError):
        tag_comment(None)  # type: ignore[arg-type]


@given(st.text(max_size=300))
def test_any_text_gets_a_bounded_score(text):
    tags = tag_comment(text)
    assert -1 <= tags.sentiment.score <= 1
    assert tags.sentiment.label in ("positive", "negative", "neutral")
    assert set(tags.topics) <= set(TOPICS)
