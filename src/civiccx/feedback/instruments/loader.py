"""Load A-11 survey instruments from their cited YAML files and check answers against them.

Instruments are data (``<name>.v<version>.yaml`` beside this module) so that wording changes are
reviewed as data, with the source of each sentence beside it. A version is never edited once
responses exist: add ``<name>.v<next>.yaml`` and keep the old file, so every stored response
can be shown with the exact words the person saw.

Answer values
    likert5   int 1-5 (or its digit string, as a form posts it)
    thumbs    1 = thumbs up, 0 = thumbs down (Touchpoints' values)
    radio     one option value
    checkbox  a list/tuple/set of option values, or a comma-separated string (Touchpoints
              stores "ease,efficiency"); cleaned to a tuple in the instrument's option order
    textarea  a string; stripped; at most ``comment_max_chars`` characters
None, "" and an empty selection mean "not answered".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml

LANGUAGES = ("en", "es")
QUESTION_TYPES = ("likert5", "thumbs", "radio", "checkbox", "textarea")
MAX_QUESTIONS = 15  # A-11 Section 280: "no more than 15 questions in total" (pra_form.rb)
PLACEHOLDERS = ("[Service]", "[Agency]")
PRA_PLACEHOLDERS = {
    "omb_control_number": "[OMB Control Number]",
    "expiration_date": "[Expiration Date]",
    "burden_minutes": "[Minutes]",
}
_FILE = re.compile(r"^(?P<name>[a-z][a-z0-9_]*)\.v(?P<version>\d+)\.ya?ml$")
_ID = re.compile(r"^[a-z][a-z0-9_]{0,62}$")

# Error messages by key, in both languages; ``{limit}`` and the like come from AnswerError.params.
MESSAGES: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "required": {
            "en": "This question is required.",
            "es": "Esta pregunta es obligatoria.",
        },
        "unknown_question": {
            "en": "This survey has no question with this id.",
            "es": "Esta encuesta no tiene ninguna pregunta con este identificador.",
        },
        "hidden_question": {
            "en": "This question was not shown for the answer to {question}, so it cannot be "
            "answered.",
            "es": "Esta pregunta no se mostró según la respuesta a {question}, así que no se "
            "puede contestar.",
        },
        "out_of_range": {
            "en": "Choose a whole number from 1 to 5.",
            "es": "Elija un número entero del 1 al 5.",
        },
        "invalid_thumbs": {
            "en": "Choose thumbs up (1) or thumbs down (0).",
            "es": "Elija De acuerdo (1) o En desacuerdo (0).",
        },
        "invalid_option": {
            "en": "{value} is not one of the choices.",
            "es": "{value} no es una de las opciones.",
        },
        "invalid_type": {
            "en": "This answer has the wrong kind of value.",
            "es": "Esta respuesta tiene un tipo de valor incorrecto.",
        },
        "nothing_answered": {
            "en": "Answer at least one question.",
            "es": "Conteste al menos una pregunta.",
        },
        "too_long": {
            "en": "Please shorten your comment to {limit} characters or fewer (it has {length}).",
            "es": "Acorte su comentario a {limit} caracteres o menos (tiene {length}).",
        },
    }
)


class InstrumentError(ValueError):
    """An instrument file or a custom question is malformed."""


class TooManyQuestionsError(InstrumentError):
    """More than the A-11 maximum of 15 questions."""


def _text(value: Any, where: str) -> Mapping[str, str]:
    if not isinstance(value, Mapping):
        raise InstrumentError(f"{where}: expected text in {', '.join(LANGUAGES)}")
    missing = [lang for lang in LANGUAGES if not isinstance(value.get(lang), str)]
    if missing:
        raise InstrumentError(f"{where}: missing text for {', '.join(missing)}")
    return MappingProxyType({lang: " ".join(value[lang].split()) for lang in LANGUAGES})


@dataclass(frozen=True)
class Option:
    value: str
    label: Mapping[str, str]
    driver: str | None = None


@dataclass(frozen=True)
class ShowWhen:
    """Show a question only when ``question`` was answered with one of the listed values.

    ``values`` is keyed by the controlling question's type, so one rule serves both the
    thumbs form (1 shows "What went well?") and the radio form (4-5 show it).
    """

    question: str
    values: Mapping[str, tuple[int | str, ...]]
    source: str = ""

    def allows(self, controlling_type: str, answer: object) -> bool:
        return answer in self.values.get(controlling_type, ())


@dataclass(frozen=True)
class Alternative:
    id: str
    text: Mapping[str, str]
    source_wording: str = ""
    source: str = ""


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    text: Mapping[str, str]
    required: bool = False
    driver: str | None = None
    options: tuple[Option, ...] = ()
    required_options: tuple[str, ...] = ()
    show_when: ShowWhen | None = None
    source: str = ""
    source_wording: str = ""
    alternatives: tuple[Alternative, ...] = ()
    custom: bool = False

    def option_values(self) -> tuple[str, ...]:
        return tuple(option.value for option in self.options)


@dataclass(frozen=True)
class PRABlock:
    omb_control_number: str
    expiration_date: str
    burden_minutes: str
    statement: Mapping[str, str]
    source: str = ""


@dataclass(frozen=True)
class Instrument:
    name: str
    version: int
    title: Mapping[str, str]
    questions: tuple[Question, ...]
    pra: PRABlock
    drivers: Mapping[str, Mapping[str, str]]
    scale_labels: Mapping[str, Mapping[int, Mapping[str, str]]]
    variant: str | None = None
    max_questions: int = MAX_QUESTIONS
    comment_max_chars: int = 5000
    source: str = ""
    rendered: bool = field(default=False, compare=False)

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(f"{self.name} v{self.version} has no question {question_id!r}")

    @property
    def question_ids(self) -> tuple[str, ...]:
        return tuple(question.id for question in self.questions)

    @property
    def required_ids(self) -> tuple[str, ...]:
        return tuple(question.id for question in self.questions if question.required)


# --- loading -------------------------------------------------------------------------------


def _files() -> dict[str, dict[int, str]]:
    found: dict[str, dict[int, str]] = {}
    for entry in resources.files(__package__).iterdir():
        match = _FILE.match(entry.name)
        if match:
            found.setdefault(match["name"], {})[int(match["version"])] = entry.name
    return found


def available_instruments() -> dict[str, tuple[int, ...]]:
    """Instrument names and their versions, e.g. ``{"a11_v2": (1,)}``."""
    return {name: tuple(sorted(versions)) for name, versions in sorted(_files().items())}


def _parse_option(raw: Any, where: str) -> Option:
    if not isinstance(raw, Mapping) or "value" not in raw:
        raise InstrumentError(f"{where}: an option needs a value")
    value = str(raw["value"])
    return Option(
        value=value, label=_text(raw.get("label"), f"{where} {value}"), driver=raw.get("driver")
    )


def _parse_question(raw: Any, where: str, *, custom: bool = False) -> Question:
    if isinstance(raw, Question):
        return replace(raw, custom=custom or raw.custom)
    if not isinstance(raw, Mapping):
        raise InstrumentError(f"{where}: a question must be a mapping")
    question_id = raw.get("id")
    if not isinstance(question_id, str) or not _ID.match(question_id):
        raise InstrumentError(f"{where}: question id {question_id!r} must be lowercase a-z, 0-9, _")
    where = f"{where} {question_id}"
    kind = raw.get("type")
    if kind not in QUESTION_TYPES:
        raise InstrumentError(f"{where}: type {kind!r} is not one of {', '.join(QUESTION_TYPES)}")
    options = tuple(_parse_option(o, where) for o in raw.get("options") or ())
    if kind in ("radio", "checkbox") and not options:
        raise InstrumentError(f"{where}: a {kind} question needs options")
    values = [o.value for o in options]
    if len(set(values)) != len(values):
        raise InstrumentError(f"{where}: option values repeat")
    required_options = tuple(str(v) for v in raw.get("required_options") or ())
    missing = [v for v in required_options if v not in values]
    if missing:
        raise InstrumentError(f"{where}: options must include {', '.join(missing)}")
    show_when = None
    if raw.get("show_when"):
        rule = raw["show_when"]
        if (
            not isinstance(rule, Mapping)
            or not isinstance(rule.get("question"), str)
            or not isinstance(rule.get("values"), Mapping)
        ):
            raise InstrumentError(f"{where}: show_when needs a question and values by type")
        show_when = ShowWhen(
            question=rule["question"],
            values=MappingProxyType(
                {
                    answer_type: tuple(str(v) if answer_type == "radio" else v for v in allowed)
                    for answer_type, allowed in rule["values"].items()
                }
            ),
            source=" ".join(str(rule.get("source", "")).split()),
        )
    for alt in raw.get("alternatives") or ():
        if not isinstance(alt, Mapping) or not isinstance(alt.get("id"), str):
            raise InstrumentError(f"{where}: an alternative wording needs an id")
    alternatives = tuple(
        Alternative(
            id=alt["id"],
            text=_text(alt.get("text"), f"{where} alternative {alt.get('id')}"),
            source_wording=" ".join(str(alt.get("source_wording", "")).split()),
            source=" ".join(str(alt.get("source", "")).split()),
        )
        for alt in raw.get("alternatives") or ()
    )
    return Question(
        id=question_id,
        type=kind,
        text=_text(raw.get("text"), where),
        required=bool(raw.get("required", False)),
        driver=raw.get("driver"),
        options=options,
        required_options=required_options,
        show_when=show_when,
        source=" ".join(str(raw.get("source", "")).split()),
        source_wording=" ".join(str(raw.get("source_wording", "")).split()),
        alternatives=alternatives,
        custom=custom,
    )


def _check_questions(
    name: str, questions: tuple[Question, ...], limit: int, drivers: Iterable[str]
) -> None:
    if len(questions) > limit:
        added = sum(1 for q in questions if q.custom)
        base = len(questions) - added
        detail = f" ({base} standard + {added} custom)" if added else ""
        raise TooManyQuestionsError(
            f"{name}: A-11 surveys may have at most {limit} questions; this one would have "
            f"{len(questions)}{detail}"
        )
    ids = [q.id for q in questions]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise InstrumentError(f"{name}: question ids repeat: {', '.join(repeated)}")
    known_drivers = set(drivers)
    by_id = {q.id: q for q in questions}
    for position, question in enumerate(questions):
        for driver in (question.driver, *(o.driver for o in question.options)):
            if driver is not None and driver not in known_drivers:
                raise InstrumentError(f"{name}: {question.id} names unknown driver {driver!r}")
        rule = question.show_when
        if rule is None:
            continue
        controller = by_id.get(rule.question)
        if controller is None or ids.index(rule.question) >= position:
            raise InstrumentError(
                f"{name}: {question.id} depends on {rule.question!r}, "
                "which must be an earlier question"
            )
        if controller.type not in ("likert5", "thumbs", "radio"):
            raise InstrumentError(
                f"{name}: {question.id} cannot depend on {rule.question!r}, a "
                f"{controller.type} question (only likert5, thumbs or radio answers decide)"
            )


def _build(raw: Mapping[str, Any], variant: str | None) -> Instrument:
    name = raw["name"]
    variants = raw.get("variants") or {}
    if variant is None:
        variant = raw.get("default_variant")
    elif variant not in variants:
        known = ", ".join(variants) or "none"
        raise InstrumentError(f"{name} has no variant {variant!r} (variants: {known})")
    overrides = (variants.get(variant) or {}).get("questions") or {} if variant else {}
    raw_questions = [{**q, **overrides.get(q.get("id"), {})} for q in raw.get("questions") or ()]
    questions = tuple(_parse_question(q, name) for q in raw_questions)
    limit = int(raw.get("max_questions", MAX_QUESTIONS))
    if limit > MAX_QUESTIONS:
        raise InstrumentError(f"{name}: max_questions cannot exceed {MAX_QUESTIONS}")
    _check_questions(name, questions, limit, (d["id"] for d in raw["drivers"]))
    pra = raw["pra"]
    return Instrument(
        name=name,
        version=int(raw["version"]),
        title=_text(raw.get("title"), f"{name} title"),
        questions=questions,
        pra=PRABlock(
            omb_control_number=str(pra["omb_control_number"]),
            expiration_date=str(pra["expiration_date"]),
            burden_minutes=str(pra["burden_minutes"]),
            statement=_text(pra.get("statement"), f"{name} PRA statement"),
            source=" ".join(str(pra.get("source", "")).split()),
        ),
        drivers=MappingProxyType(
            {d["id"]: _text(d["label"], f"{name} driver {d['id']}") for d in raw["drivers"]}
        ),
        scale_labels=MappingProxyType(
            {
                kind: MappingProxyType(
                    {int(k): _text(v, f"{name} {kind} {k}") for k, v in spec["labels"].items()}
                )
                for kind, spec in (raw.get("scale") or {}).items()
            }
        ),
        variant=variant,
        max_questions=limit,
        comment_max_chars=int(raw.get("comment_max_chars", 5000)),
        source=" ".join(str(raw.get("source", "")).split()),
    )


@cache
def _raw(filename: str) -> Mapping[str, Any]:
    text = resources.files(__package__).joinpath(filename).read_text(encoding="utf-8")
    return yaml.safe_load(text)


@cache
def load_instrument(
    name: str, version: int | None = None, variant: str | None = None
) -> Instrument:
    """The instrument ``name`` at ``version`` (the newest when None).

    ``variant`` picks a form variant declared in the file (``a11_v2``: "thumbs", the default,
    or "radio"). Unknown names, versions or variants raise InstrumentError naming what exists.
    """
    files = _files()
    if name not in files:
        raise InstrumentError(f"no instrument {name!r} (have: {', '.join(sorted(files))})")
    versions = files[name]
    if version is None:
        version = max(versions)
    if version not in versions:
        have = ", ".join(str(v) for v in sorted(versions))
        raise InstrumentError(f"instrument {name!r} has no version {version} (have: {have})")
    raw = _raw(versions[version])
    if raw.get("name") != name or int(raw.get("version", -1)) != version:
        raise InstrumentError(f"{versions[version]} declares a different name or version")
    return _build(raw, variant)


def with_custom_questions(instrument: Instrument, questions: Iterable[Any]) -> Instrument:
    """A copy of ``instrument`` with agency questions appended (A-11 allows "a few").

    ``questions`` are mappings in the YAML shape (or Question objects). Raises
    TooManyQuestionsError when the total passes 15, and InstrumentError for a repeated id.
    """
    added = tuple(_parse_question(q, f"{instrument.name} custom", custom=True) for q in questions)
    combined = instrument.questions + added
    _check_questions(instrument.name, combined, instrument.max_questions, instrument.drivers)
    return replace(instrument, questions=combined)


# --- rendering -----------------------------------------------------------------------------


def _localized(value: str | Mapping[str, str], what: str) -> Mapping[str, str]:
    if isinstance(value, str):
        value = dict.fromkeys(LANGUAGES, value)
    result = {lang: (value.get(lang) or "").strip() for lang in LANGUAGES}
    empty = [lang for lang, text in result.items() if not text]
    if empty:
        raise ValueError(f"{what} is empty for {', '.join(empty)}")
    return result


# Spanish contracts "de el" and "a el" when a name with its article follows a preposition
# ("recibí de [Service]" + "el centro de ayuda" = "recibí del centro de ayuda").
_CONTRACTIONS = {"es": ((" de el ", " del "), (" a el ", " al "))}


def _fill(text: Mapping[str, str], values: Mapping[str, Mapping[str, str]]) -> Mapping[str, str]:
    filled = {}
    for lang in LANGUAGES:
        out = text[lang]
        for placeholder, by_lang in values.items():
            out = out.replace(placeholder, by_lang[lang])
        for separate, contracted in _CONTRACTIONS.get(lang, ()):
            out = out.replace(separate, contracted)
        filled[lang] = out
    return MappingProxyType(filled)


def render_instrument(
    instrument: Instrument,
    service: str | Mapping[str, str],
    agency: str | Mapping[str, str],
    *,
    omb_control_number: str | None = None,
    expiration_date: str | Mapping[str, str] | None = None,
    burden_minutes: int | str | None = None,
) -> Instrument:
    """Fill ``[Service]`` and ``[Agency]`` in every question (both languages) and the PRA block.

    Names may be one string or ``{"en": ..., "es": ...}``. The OMB control number and
    expiration date go together (as Touchpoints requires, app/models/form.rb); when absent the
    PRA placeholders stay so a preview shows what is missing.
    """
    if (omb_control_number is None) != (expiration_date is None):
        raise ValueError("an OMB control number needs its expiration date, and the reverse")
    values = {
        "[Service]": _localized(service, "service name"),
        "[Agency]": _localized(agency, "agency name"),
    }
    pra_values = {}
    for key, given in (
        ("omb_control_number", omb_control_number),
        ("expiration_date", expiration_date),
        ("burden_minutes", burden_minutes),
    ):
        if given is not None:
            pra_values[PRA_PLACEHOLDERS[key]] = _localized(
                given if isinstance(given, Mapping) else str(given), key)
    questions = tuple(
        replace(
            q,
            text=_fill(q.text, values),
            alternatives=tuple(replace(a, text=_fill(a.text, values)) for a in q.alternatives),
        )
        for q in instrument.questions
    )
    pra = instrument.pra
    pra = replace(
        pra,
        statement=_fill(pra.statement, pra_values),
        omb_control_number=str(omb_control_number or pra.omb_control_number),
        expiration_date=str(_localized(expiration_date, "expiration_date")["en"]
                            if expiration_date else pra.expiration_date),
        burden_minutes=str(burden_minutes if burden_minutes is not None else pra.burden_minutes),
    )
    return replace(instrument, questions=questions, pra=pra, rendered=True)


# --- answers -------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerError:
    """One problem with one answer; ``message(lang)`` gives the text to show."""

    question_id: str
    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "en") -> str:
        template = MESSAGES[self.key].get(lang) or MESSAGES[self.key]["en"]
        return template.format(**self.params)

    def __str__(self) -> str:
        return f"{self.question_id}: {self.message('en')}"


def _blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple | set | frozenset):
        return not value
    return False


def _as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d{1,3}\s*", value):
        return int(value)
    return None


def _clean_one(question: Question, value: object, max_chars: int) -> tuple[Any, AnswerError | None]:
    def fail(key: str, **params: Any) -> tuple[None, AnswerError]:
        return None, AnswerError(question.id, key, MappingProxyType(params))

    if question.type == "likert5":
        number = _as_int(value)
        if number is None:
            return fail("out_of_range") if isinstance(value, str | float) else fail("invalid_type")
        return (number, None) if 1 <= number <= 5 else fail("out_of_range")
    if question.type == "thumbs":
        number = _as_int(value)
        return (number, None) if number in (0, 1) else fail("invalid_thumbs")
    if question.type == "radio":
        if not isinstance(value, str | int) or isinstance(value, bool):
            return fail("invalid_type")
        if str(value) not in question.option_values():
            return fail("invalid_option", value=repr(str(value)))
        return str(value), None
    if question.type == "checkbox":
        if isinstance(value, str):
            chosen = [part.strip() for part in value.split(",") if part.strip()]
        elif isinstance(value, list | tuple | set | frozenset):
            if not all(isinstance(part, str) for part in value):
                return fail("invalid_type")
            chosen = [part.strip() for part in value]
        else:
            return fail("invalid_type")
        allowed = question.option_values()
        for part in chosen:
            if part not in allowed:
                return fail("invalid_option", value=repr(part))
        return tuple(v for v in allowed if v in chosen), None
    # textarea
    if not isinstance(value, str):
        return fail("invalid_type")
    text = value.strip()
    if len(text) > max_chars:
        return fail("too_long", limit=max_chars, length=len(text))
    return text, None


def validate_answers(
    instrument: Instrument, answers: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, list[AnswerError]]]:
    """Check one response against ``instrument``.

    Returns ``(clean, errors)``: ``clean`` maps question id to the cleaned answer of every
    answered, visible question; ``errors`` maps question id to its problems (an unknown id is
    reported under that id). A response with any error should be rejected whole.
    Rules: required questions must be answered unless hidden; answers must be in range; ids
    must exist; comments are limited to ``comment_max_chars``; a question hidden by display
    logic (A-11 v2: "What went well?" after thumbs down) must not be answered.
    """
    errors: dict[str, list[AnswerError]] = {}
    clean: dict[str, Any] = {}
    known = set(instrument.question_ids)
    for question_id in answers:
        if question_id not in known:
            errors.setdefault(str(question_id), []).append(
                AnswerError(str(question_id), "unknown_question")
            )
    types = {q.id: q.type for q in instrument.questions}
    for question in instrument.questions:
        value = answers.get(question.id)
        rule = question.show_when
        visible = rule is None or (
            rule.question in clean and rule.allows(types[rule.question], clean[rule.question])
        )
        if _blank(value):
            if question.required and visible:
                errors.setdefault(question.id, []).append(AnswerError(question.id, "required"))
            continue
        if not visible:
            errors.setdefault(question.id, []).append(
                AnswerError(
                    question.id, "hidden_question", MappingProxyType({"question": rule.question})
                )
            )
            continue
        cleaned, error = _clean_one(question, value, instrument.comment_max_chars)
        if error is not None:
            errors.setdefault(question.id, []).append(error)
        elif not _blank(cleaned):
            clean[question.id] = cleaned
        elif question.required:
            errors.setdefault(question.id, []).append(AnswerError(question.id, "required"))
    return clean, errors
