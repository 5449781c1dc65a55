"""A-11 Section 280 survey instruments: cited YAML wording, a loader and answer validation."""

from civiccx.feedback.instruments.loader import (
    LANGUAGES,
    MESSAGES,
    QUESTION_TYPES,
    AnswerError,
    Instrument,
    InstrumentError,
    Option,
    PRABlock,
    Question,
    ShowWhen,
    TooManyQuestionsError,
    available_instruments,
    load_instrument,
    render_instrument,
    validate_answers,
    with_custom_questions,
)

__all__ = [
    "LANGUAGES",
    "MESSAGES",
    "QUESTION_TYPES",
    "AnswerError",
    "Instrument",
    "InstrumentError",
    "Option",
    "PRABlock",
    "Question",
    "ShowWhen",
    "TooManyQuestionsError",
    "available_instruments",
    "load_instrument",
    "render_instrument",
    "validate_answers",
    "with_custom_questions",
]
