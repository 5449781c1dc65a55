"""Turn an instrument into what the survey template shows, and a POST back into answers."""

from __future__ import annotations

from dataclasses import dataclass

from civiccx.feedback.instruments import Instrument, Question


@dataclass
class Choice:
    value: str
    label: str
    checked: bool


@dataclass
class ShownQuestion:
    id: str
    type: str
    text: str
    required: bool
    choices: list[Choice]
    value: str
    errors: list[str]
    show_when: dict | None
    max_chars: int


def _choices(instrument: Instrument, question: Question, language: str, answer) -> list[Choice]:
    selected = {str(v) for v in answer} if isinstance(answer, list) else {str(answer)}
    if question.type in ("likert5", "thumbs"):
        labels = instrument.scale_labels[question.type]
        points = (5, 4, 3, 2, 1) if question.type == "likert5" else (1, 0)
        return [Choice(str(p), labels[p][language], str(p) in selected) for p in points]
    return [Choice(o.value, o.label[language], o.value in selected) for o in question.options]


def shown_questions(instrument: Instrument, language: str, answers: dict | None = None,
                    errors: dict | None = None) -> list[ShownQuestion]:
    answers, errors = answers or {}, errors or {}
    types = {question.id: question.type for question in instrument.questions}
    shown = []
    for question in instrument.questions:
        answer = answers.get(question.id, "")
        rule = question.show_when
        shown.append(ShownQuestion(
            id=question.id, type=question.type, text=question.text[language],
            required=question.required,
            choices=_choices(instrument, question, language, answer)
            if question.type != "textarea" else [],
            value=answer if isinstance(answer, str) else "",
            errors=errors.get(question.id, []),
            show_when={"question": rule.question,
                       "values": " ".join(str(v) for v in rule.values.get(
                           types[rule.question], ()))} if rule else None,
            max_chars=instrument.comment_max_chars,
        ))
    return shown


def answers_from_post(instrument: Instrument, post) -> dict:
    """Only questions of the instrument are read; an empty answer is left out."""
    answers = {}
    for question in instrument.questions:
        if question.type == "checkbox":
            values = post.getlist(question.id)
            if values:
                answers[question.id] = values
        else:
            value = post.get(question.id, "").strip()
            if value:
                answers[question.id] = value
    return answers
