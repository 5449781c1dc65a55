import re

import pytest

from civiccx.feedback.instruments import (
    LANGUAGES,
    MESSAGES,
    AnswerError,
    InstrumentError,
    TooManyQuestionsError,
    available_instruments,
    load_instrument,
    render_instrument,
    validate_answers,
    with_custom_questions,
)
from civiccx.feedback.scoring import DRIVERS, INDICATORS

pytestmark = pytest.mark.pure

PLACEHOLDER = re.compile(r"\[[A-Za-z ]+\]")

# Exact English wording (docs/reference/a11-section-280.md), with [Program/Service name] ->
# [Service] and [Agency name] -> [Agency].
CLASSIC_WORDING = {
    "satisfaction": "I am satisfied with the service I received from [Service].",
    "trust": "This interaction increased my trust in [Agency].",
    "comments_scores": "Any additional feedback on your scores above?",
    "effectiveness": "My need was addressed.",
    "ease": "It was easy to complete what I needed to do.",
    "efficiency": "It took a reasonable amount of time to do what I needed to do.",
    "transparency": "I was treated fairly.",
    "employee": "Employees I interacted with were helpful.",
    "comments_service": "Any additional feedback for [Service]?",
}
V2_WORDING = {
    "question_1": "Based on my experience with [Service], I trust [Agency] to deliver on their "
    "mission for the American public.",
    "question_2": "What went well?",
    "question_3": "What didn't go so well?",
    "question_4": "Additional comments",
}


def keys(errors):
    return {question_id: [e.key for e in found] for question_id, found in errors.items()}


@pytest.fixture
def classic():
    return load_instrument("a11_classic")


@pytest.fixture
def v2():
    return load_instrument("a11_v2")


@pytest.fixture
def v2_radio():
    return load_instrument("a11_v2", variant="radio")


def test_catalog_lists_both_instruments():
    assert available_instruments() == {"a11_classic": (1,), "a11_v2": (1,)}


def test_classic_wording_is_exact(classic):
    assert {q.id: q.text["en"] for q in classic.questions} == CLASSIC_WORDING
    assert classic.required_ids == ()  # blank means "not answered" (issue #16, decision 0025)
    assert {q.driver for q in classic.questions if q.driver} == set(DRIVERS)
    assert all(q.type == "likert5" for q in classic.questions if q.driver)


def test_classic_alternative_wordings(classic):
    alternatives = {a.id: a.text["en"] for q in classic.questions for a in q.alternatives}
    assert alternatives == {
        "trust_commitment": "I trust [Agency] to fulfill our country's commitment to [Population].",
        "trust_confidence_2019": "This interaction increased my confidence in [Service].",
        "effectiveness_resolved": "My issue was resolved.",
        "effectiveness_found": "I found what I was looking for.",
        "transparency_understood": "I understand what was being asked of me throughout the "
        "process.",
    }


def test_v2_wording_types_and_logic(v2):
    assert {q.id: q.text["en"] for q in v2.questions} == V2_WORDING
    assert [q.type for q in v2.questions] == ["thumbs", "checkbox", "checkbox", "textarea"]
    assert v2.required_ids == ("question_1",)
    assert v2.question("question_1").driver == "trust"
    for question_id in ("question_2", "question_3"):
        question = v2.question(question_id)
        assert question.option_values() == INDICATORS
        assert question.required_options == ("effectiveness", "ease")
        assert question.show_when.question == "question_1"
    assert v2.question("question_2").show_when.values == {"thumbs": (1,), "likert5": (4, 5)}
    assert v2.question("question_3").show_when.values == {"thumbs": (0,), "likert5": (1, 2, 3)}
    assert set(v2.drivers) == set(DRIVERS)


def test_v2_radio_variant(v2_radio, v2):
    assert v2.variant == "thumbs"
    assert v2_radio.variant == "radio"
    assert v2_radio.question("question_1").type == "likert5"
    assert v2_radio.question("question_1").text == v2.question("question_1").text


@pytest.mark.parametrize("name", ["a11_classic", "a11_v2"])
def test_every_wording_is_cited_and_translated(name):
    instrument = load_instrument(name)
    assert instrument.source
    assert instrument.pra.source
    for question in instrument.questions:
        assert question.source, question.id
        assert question.source_wording, question.id
        assert set(question.text) == set(LANGUAGES)
        english, spanish = question.text["en"], question.text["es"]
        assert spanish and spanish != english
        assert sorted(PLACEHOLDER.findall(english)) == sorted(PLACEHOLDER.findall(spanish))
        for option in question.options:
            assert option.label["en"] and option.label["es"]
        for alternative in question.alternatives:
            assert alternative.source and alternative.source_wording
    for kind, labels in instrument.scale_labels.items():
        assert all(label["en"] and label["es"] for label in labels.values()), kind


@pytest.mark.parametrize("name", ["a11_classic", "a11_v2"])
def test_pra_block_in_both_languages(name):
    pra = load_instrument(name).pra
    for lang in LANGUAGES:
        for placeholder in ("[OMB Control Number]", "[Expiration Date]", "[Minutes]"):
            assert placeholder in pra.statement[lang]
    assert "Paperwork Reduction Act" in pra.statement["en"]
    assert "OMB" in pra.statement["es"]


def test_render_fills_placeholders_in_both_languages(v2):
    rendered = render_instrument(
        v2,
        service={"en": "Direct File", "es": "Direct File"},
        agency={"en": "the IRS", "es": "el IRS"},
        omb_control_number="0000-0000",
        expiration_date="06/30/2027",
        burden_minutes=2,
    )
    question = rendered.question("question_1")
    assert question.text["en"] == (
        "Based on my experience with Direct File, I trust the IRS to deliver on their mission "
        "for the American public."
    )
    assert "confío en que el IRS" in question.text["es"]
    for q in rendered.questions:
        for lang in LANGUAGES:
            assert "[Service]" not in q.text[lang] and "[Agency]" not in q.text[lang]
    assert rendered.pra.omb_control_number == "0000-0000"
    for lang in LANGUAGES:
        assert not PLACEHOLDER.search(rendered.pra.statement[lang])
    assert "2 minutes" in rendered.pra.statement["en"]
    assert rendered.rendered and not v2.rendered


def test_render_irs_trust_variant(classic):
    rendered = render_instrument(classic, "the Taxpayer Assistance Center", "the IRS")
    assert (
        rendered.question("trust").text["en"] == "This interaction increased my trust in the IRS."
    )
    assert "[OMB Control Number]" in rendered.pra.statement["en"]  # left for the preview to show


def test_spanish_names_with_an_article_contract_after_de_and_a(classic):
    """"recibí de [Service]" with "el centro de ayuda" reads "recibí del centro de ayuda"."""
    rendered = render_instrument(
        classic, {"en": "the help center", "es": "el centro de ayuda"},
        {"en": "the Federal Revenue Service", "es": "el Servicio Federal de Ingresos"},
        expiration_date={"en": "June 30, 2027", "es": "30 de junio de 2027"},
        omb_control_number="0000-0000")
    satisfaction = rendered.question("satisfaction").text
    assert satisfaction["en"] == "I am satisfied with the service I received from the help center."
    assert satisfaction["es"].endswith("que recibí del centro de ayuda.")
    assert rendered.question("trust").text["es"] == (
        "Esta interacción aumentó mi confianza en el Servicio Federal de Ingresos.")
    assert "30 de junio de 2027" in rendered.pra.statement["es"]
    assert "June 30, 2027" in rendered.pra.statement["en"]
    assert rendered.pra.expiration_date == "June 30, 2027"


def test_render_requires_omb_number_and_expiration_together(classic):
    with pytest.raises(ValueError, match="expiration date"):
        render_instrument(classic, "x", "y", omb_control_number="0000-0000")
    with pytest.raises(ValueError, match="service name is empty"):
        render_instrument(classic, " ", "y")
    with pytest.raises(ValueError, match="agency name is empty for es"):
        render_instrument(classic, "x", {"en": "IRS"})


def test_load_errors_name_what_exists():
    with pytest.raises(InstrumentError, match="no instrument 'a11_v9'.*a11_classic, a11_v2"):
        load_instrument("a11_v9")
    with pytest.raises(InstrumentError, match=r"no version 7 \(have: 1\)"):
        load_instrument("a11_v2", version=7)
    with pytest.raises(InstrumentError, match="no variant 'stars'.*thumbs, radio"):
        load_instrument("a11_v2", variant="stars")
    assert load_instrument("a11_classic", version=1).version == 1


# --- validate_answers: classic ------------------------------------------------------------


def test_classic_valid_response_is_cleaned(classic):
    clean, errors = validate_answers(
        classic,
        {"satisfaction": "5", "trust": 4, "ease": None, "comments_service": "  Thanks!  "},
    )
    assert errors == {}
    assert clean == {"satisfaction": 5, "trust": 4, "comments_service": "Thanks!"}


def test_classic_blank_satisfaction_and_trust_are_not_answered(classic):
    clean, errors = validate_answers(classic, {"ease": 3, "trust": ""})
    assert errors == {}
    assert clean == {"ease": 3}


@pytest.mark.parametrize(
    ("value", "key"),
    [
        (0, "out_of_range"),
        (6, "out_of_range"),
        ("6", "out_of_range"),
        ("four", "out_of_range"),
        (4.5, "out_of_range"),
        (True, "invalid_type"),
        ([4], "invalid_type"),
    ],
)
def test_likert_range(classic, value, key):
    _, errors = validate_answers(classic, {"satisfaction": value, "trust": 3})
    assert keys(errors) == {"satisfaction": [key]}


def test_unknown_question_ids_are_errors(classic):
    _, errors = validate_answers(classic, {"satisfaction": 5, "trust": 5, "favourite_color": 1})
    assert keys(errors) == {"favourite_color": ["unknown_question"]}


def test_comment_length_limit(classic):
    ok = {"satisfaction": 5, "trust": 5, "comments_scores": "x" * 5000}
    assert validate_answers(classic, ok)[1] == {}
    _, errors = validate_answers(classic, {**ok, "comments_scores": "y" * 5001})
    (error,) = errors["comments_scores"]
    assert error.key == "too_long"
    assert (
        error.message() == "Please shorten your comment to 5000 characters or fewer (it has 5001)."
    )
    assert error.message("es") == "Acorte su comentario a 5000 caracteres o menos (tiene 5001)."


# --- validate_answers: v2 display logic ---------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "expected_clean", "expected_errors"),
    [
        ({"question_1": 1, "question_2": ["ease"]}, {"question_1": 1, "question_2": ("ease",)}, {}),
        (
            {"question_1": "0", "question_3": "efficiency,ease"},
            {"question_1": 0, "question_3": ("ease", "efficiency")},
            {},
        ),
        (
            {"question_1": 1, "question_3": ["ease"]},
            {"question_1": 1},
            {"question_3": ["hidden_question"]},
        ),
        (
            {"question_1": 0, "question_2": ["ease"]},
            {"question_1": 0},
            {"question_2": ["hidden_question"]},
        ),
        (
            {"question_2": ["ease"]},
            {},
            {"question_1": ["required"], "question_2": ["hidden_question"]},
        ),
        ({"question_1": 1, "question_2": []}, {"question_1": 1}, {}),
        ({"question_1": 0, "question_2": []}, {"question_1": 0}, {}),
        ({"question_1": 2}, {}, {"question_1": ["invalid_thumbs"]}),
        ({"question_1": True}, {}, {"question_1": ["invalid_thumbs"]}),
        (
            {"question_1": 1, "question_2": ["speed"]},
            {"question_1": 1},
            {"question_2": ["invalid_option"]},
        ),
        ({"question_1": 1, "question_2": [1]}, {"question_1": 1}, {"question_2": ["invalid_type"]}),
        (
            {"question_1": 1, "question_4": "Fast and easy."},
            {"question_1": 1, "question_4": "Fast and easy."},
            {},
        ),
    ],
)
def test_v2_thumbs_logic(v2, answers, expected_clean, expected_errors):
    clean, errors = validate_answers(v2, answers)
    assert keys(errors) == expected_errors
    assert clean == expected_clean


@pytest.mark.parametrize(
    ("score", "shown", "hidden"),
    [
        (5, "question_2", "question_3"),
        (4, "question_2", "question_3"),
        (3, "question_3", "question_2"),
        (2, "question_3", "question_2"),
        (1, "question_3", "question_2"),
    ],
)
def test_v2_radio_logic(v2_radio, score, shown, hidden):
    clean, errors = validate_answers(v2_radio, {"question_1": score, shown: ["effectiveness"]})
    assert errors == {}
    assert clean[shown] == ("effectiveness",)
    _, errors = validate_answers(v2_radio, {"question_1": score, hidden: ["effectiveness"]})
    assert keys(errors) == {hidden: ["hidden_question"]}


def test_v2_radio_rejects_thumbs_range(v2_radio):
    _, errors = validate_answers(v2_radio, {"question_1": 0})
    assert keys(errors) == {"question_1": ["out_of_range"]}


def test_hidden_question_message_in_both_languages(v2):
    _, errors = validate_answers(v2, {"question_1": 0, "question_2": ["ease"]})
    (error,) = errors["question_2"]
    assert "question_1" in error.message("en")
    assert "question_1" in error.message("es")
    assert str(error).startswith("question_2: ")


def test_every_message_key_has_both_languages():
    for key, by_lang in MESSAGES.items():
        assert set(by_lang) == set(LANGUAGES), key
    error = AnswerError("x", "required")
    assert error.message("fr") == MESSAGES["required"]["en"]


# --- custom questions and the 15-question limit -------------------------------------------


def custom(n, start=0):
    return [
        {"id": f"custom_{i}", "type": "likert5", "text": {"en": f"Q{i}?", "es": f"¿P{i}?"}}
        for i in range(start, start + n)
    ]


def test_custom_questions_up_to_fifteen(classic):
    extended = with_custom_questions(classic, custom(6))
    assert len(extended.questions) == 15
    assert extended.questions[-1].custom and not extended.questions[0].custom
    assert len(classic.questions) == 9  # the original is untouched
    clean, errors = validate_answers(extended, {"satisfaction": 4, "trust": 4, "custom_5": 2})
    assert errors == {} and clean["custom_5"] == 2


def test_sixteenth_question_is_refused(classic, v2):
    with pytest.raises(TooManyQuestionsError, match=r"at most 15.*16 \(9 standard \+ 7 custom\)"):
        with_custom_questions(classic, custom(7))
    extended = with_custom_questions(v2, custom(11))
    with pytest.raises(TooManyQuestionsError, match="16"):
        with_custom_questions(extended, custom(1, start=50))


def test_custom_question_checks(classic):
    with pytest.raises(InstrumentError, match="repeat: trust"):
        with_custom_questions(
            classic, [{"id": "trust", "type": "likert5", "text": {"en": "a", "es": "b"}}]
        )
    with pytest.raises(InstrumentError, match="missing text for es"):
        with_custom_questions(classic, [{"id": "c1", "type": "likert5", "text": {"en": "a"}}])
    with pytest.raises(InstrumentError, match="type 'stars'"):
        with_custom_questions(
            classic, [{"id": "c1", "type": "stars", "text": {"en": "a", "es": "b"}}]
        )
    with pytest.raises(InstrumentError, match="must be lowercase"):
        with_custom_questions(
            classic, [{"id": "Bad Id", "type": "textarea", "text": {"en": "a", "es": "b"}}]
        )
    with pytest.raises(InstrumentError, match="needs options"):
        with_custom_questions(
            classic, [{"id": "c1", "type": "radio", "text": {"en": "a", "es": "b"}}]
        )
    with pytest.raises(InstrumentError, match="must include ease"):
        with_custom_questions(
            classic,
            [
                {
                    "id": "c1",
                    "type": "checkbox",
                    "text": {"en": "a", "es": "b"},
                    "required_options": ["ease"],
                    "options": [{"value": "speed", "label": {"en": "Speed", "es": "Rapidez"}}],
                }
            ],
        )
    with pytest.raises(InstrumentError, match="must be an earlier question"):
        with_custom_questions(
            classic,
            [
                {
                    "id": "c1",
                    "type": "textarea",
                    "text": {"en": "a", "es": "b"},
                    "show_when": {"question": "c2", "values": {"likert5": [1]}},
                }
            ],
        )


def test_custom_question_structure_checks(classic):
    with pytest.raises(InstrumentError, match="unknown driver 'speed'"):
        with_custom_questions(
            classic,
            [{"id": "c1", "type": "likert5", "driver": "speed", "text": {"en": "a", "es": "b"}}],
        )
    with pytest.raises(InstrumentError, match="show_when needs a question"):
        with_custom_questions(
            classic,
            [{"id": "c1", "type": "textarea", "text": {"en": "a", "es": "b"},
              "show_when": {"values": {"likert5": [1]}}}],
        )  # fmt: skip
    with pytest.raises(InstrumentError, match="cannot depend on 'c1', a textarea"):
        with_custom_questions(
            classic,
            [
                {"id": "c1", "type": "textarea", "text": {"en": "a", "es": "b"}},
                {"id": "c2", "type": "textarea", "text": {"en": "a", "es": "b"},
                 "show_when": {"question": "c1", "values": {"textarea": ["x"]}}},
            ],
        )  # fmt: skip


def test_custom_radio_and_conditional_question(classic):
    extended = with_custom_questions(
        classic,
        [
            {
                "id": "visit_type",
                "type": "radio",
                "required": True,
                "text": {"en": "Why did you visit?", "es": "¿Por qué nos visitó?"},
                "options": [
                    {"value": "refund", "label": {"en": "Refund", "es": "Reembolso"}},
                    {"value": "notice", "label": {"en": "A notice", "es": "Un aviso"}},
                ],
            },
            {
                "id": "notice_detail",
                "type": "textarea",
                "text": {"en": "Which notice?", "es": "¿Qué aviso?"},
                "show_when": {"question": "visit_type", "values": {"radio": ["notice"]}},
            },
        ],
    )
    base = {"satisfaction": 3, "trust": 3}
    clean, errors = validate_answers(
        extended, {**base, "visit_type": "notice", "notice_detail": "CP2000"}
    )
    assert errors == {} and clean["notice_detail"] == "CP2000"
    _, errors = validate_answers(extended, {**base, "visit_type": "refund", "notice_detail": "x"})
    assert keys(errors) == {"notice_detail": ["hidden_question"]}
    _, errors = validate_answers(extended, {**base, "visit_type": "audit"})
    assert keys(errors) == {"visit_type": ["invalid_option"]}
    _, errors = validate_answers(extended, base)
    assert keys(errors) == {"visit_type": ["required"]}
