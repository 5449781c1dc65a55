"""Sentiment and topic tags for survey comments, in English and Spanish.

Why our own small lexicon: no package on PyPI fit all of (pure Python, ships its lexicon,
works offline, English *and* Spanish, maintained). VADER (``vaderSentiment``) ships an
English-only lexicon; AFINN (``afinn``) has no Spanish list; the Spanish packages we found
either need a trained model (``sentiment-analysis-spanish``, ``pysentimiento``) or are
unmaintained. A domain lexicon is also what this job needs: "hold", "hung up", "refund" carry
meaning in a tax agency's comments that a general lexicon misses. Rules follow VADER (Hutto &
Gilbert, "VADER: A Parsimonious Rule-based Model for Sentiment Analysis of Social Media Text",
ICWSM 2014): word valences on a -3..+3 scale (AFINN's idea, Nielsen 2011, at a smaller range),
negation within three words flips and damps a valence (x -0.74), intensifiers scale it (x 1.3),
words after "but"/"pero" count 1.5x and before it 0.5x, up to four "!" add emphasis, and the
sum is normalised to -1..1 with ``s / sqrt(s^2 + 15)``. Labels use VADER's +/-0.05 cut-offs.

Matching is "stemming-light": text and lexicon are lower-cased and stripped of accents; an
entry of four or more letters also matches the same word with up to four more letters
("wait" -> "waited", "waiting"; "esper" -> "esperamos"), and the longest matching entry wins
("helpless" beats "help"). Shorter entries match whole words only. Multi-word phrases
("on hold", "hung up", "nadie contestó") are matched first and consume their words.

This is a triage aid for analysts reading thousands of comments, not a measurement: it does
not understand sarcasm, and a topic tag means a keyword was seen, not that it was the point.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

__all__ = [
    "TOPICS",
    "CommentTags",
    "Sentiment",
    "detect_language",
    "score_sentiment",
    "tag_comment",
    "tag_topics",
]

NEGATION_SCALAR = -0.74
INTENSIFIER_SCALAR = 1.3
NORMALIZATION_ALPHA = 15
LABEL_THRESHOLD = 0.05

# fmt: off
_VALENCE_EN: dict[str, float] = {
    # positive
    "good": 2, "great": 3, "excellent": 3, "awesome": 3, "amazing": 3, "wonderful": 3,
    "fantastic": 3, "perfect": 3, "best": 3, "nice": 2, "fine": 1, "ok": 0.5, "okay": 0.5,
    "easy": 2, "easier": 2, "easiest": 2, "simple": 1.5, "fast": 2, "quick": 2, "quickly": 2,
    "efficient": 2, "smooth": 2, "helpful": 2.5, "help": 1, "helped": 1.5, "polite": 2,
    "courteous": 2, "kind": 2, "friendly": 2, "patient": 2, "professional": 2,
    "respectful": 2, "knowledgeable": 2, "clear": 1.5, "understand": 1, "resolved": 2,
    "solved": 2, "fixed": 1.5, "thank": 2, "thanks": 2, "appreciate": 2, "grateful": 2,
    "happy": 2, "glad": 2, "pleased": 2, "satisfied": 2, "love": 3, "loved": 3,
    "recommend": 2, "convenient": 2, "seamless": 2, "painless": 2, "improved": 1.5,
    "responsive": 1.5, "accurate": 1.5, "reliable": 1.5, "worked": 1, "works": 1,
    # negative
    "bad": -2, "terrible": -3, "horrible": -3, "awful": -3, "worst": -3, "poor": -2,
    "slow": -2, "rude": -3, "unhelpful": -2.5, "helpless": -2, "useless": -2.5,
    "confusing": -2, "confused": -2, "complicated": -2, "difficult": -2, "hard": -1.5,
    "frustrating": -2.5, "frustrated": -2.5, "frustration": -2.5, "annoying": -2,
    "angry": -2.5, "upset": -2, "disappointed": -2, "disappointing": -2, "unacceptable": -3,
    "ridiculous": -2.5, "waste": -2, "wasted": -2, "problem": -1.5, "problems": -1.5,
    "issue": -1, "issues": -1, "error": -1.5, "errors": -1.5, "fail": -2, "failed": -2,
    "failure": -2, "broken": -2, "crash": -2, "crashed": -2, "stuck": -1.5, "lost": -1.5,
    "never": -1, "forever": -1.5, "delay": -1.5, "delayed": -1.5, "incompetent": -3,
    "dismissive": -2, "hate": -3, "impossible": -2.5, "nightmare": -3, "scam": -2.5,
    "disconnected": -2, "dropped": -1.5, "wrong": -1.5, "unclear": -1.5, "stressful": -2,
    "stress": -1.5, "worse": -2, "sucks": -2.5, "lied": -2.5, "ignored": -2,
}
_VALENCE_ES: dict[str, float] = {
    # positive
    "bien": 2, "bueno": 2, "buena": 2, "buenos": 2, "buenas": 2, "excelente": 3,
    "excelentes": 3, "genial": 3, "perfecto": 3, "maravilloso": 3, "mejor": 2,
    "facil": 2, "faciles": 2, "sencillo": 1.5, "rapido": 2, "rapida": 2, "rapidamente": 2,
    "eficiente": 2, "amable": 2.5, "amables": 2.5, "atento": 2, "atenta": 2, "cortes": 2,
    "respetuoso": 2, "respetuosa": 2, "paciencia": 1.5, "profesional": 2, "claro": 1.5,
    "clara": 1.5, "resolvieron": 2, "resuelto": 2, "solucion": 1.5, "ayudaron": 1.5,
    "ayudo": 1.5, "ayuda": 1, "gracias": 2, "agradezco": 2, "agradecido": 2,
    "agradecida": 2, "contento": 2, "contenta": 2, "satisfecho": 2, "satisfecha": 2,
    "encanto": 3, "recomiendo": 2, "comodo": 1.5, "funciono": 1,
    # negative
    "mal": -2, "malo": -2, "mala": -2, "malos": -2, "pesimo": -3, "pesima": -3,
    "peor": -2.5, "lento": -2, "lenta": -2,  # "terrible", "horrible", "error": as English
    "grosero": -3, "grosera": -3, "groseros": -3, "inutil": -2.5, "confuso": -2,
    "confusa": -2, "complicado": -2, "complicada": -2, "dificil": -2, "frustrante": -2.5,
    "frustrado": -2.5, "frustrada": -2.5, "enojado": -2.5, "enojada": -2.5, "molesto": -2,
    "molesta": -2, "decepcionado": -2, "decepcionada": -2, "inaceptable": -3,
    "problema": -1.5, "problemas": -1.5, "errores": -1.5, "fallo": -2,
    "fallaron": -2, "nunca": -1, "jamas": -1, "demora": -1.5, "retraso": -1.5,
    "perdida": -1.5, "perdido": -1.5, "incompetente": -3, "ignoraron": -2, "mintieron": -2.5,
    "injusto": -2, "estres": -1.5, "pena": -1, "tardaron": -1.5,
}
_VALENCE = {**_VALENCE_ES, **_VALENCE_EN}  # shared spellings ("terrible") take English values

_PHRASES: dict[str, float] = {
    "on hold": -1, "hung up": -2, "hang up": -2, "no one answered": -2.5,
    "nobody answered": -2.5, "no answer": -1.5, "took forever": -2.5, "too long": -1.5,
    "waste of time": -2.5, "thank you": 2, "thanks so much": 2.5, "no problem": 1,
    "no problems": 1, "no issues": 1, "went well": 2, "on time": 1.5, "above and beyond": 3,
    "me colgaron": -2, "nadie contesto": -2.5, "nadie me contesto": -2.5,
    "no contestan": -2.5, "no contestaron": -2.5, "perdida de tiempo": -2.5,
    "muchas gracias": 2.5, "mil gracias": 2.5, "sin problemas": 1.5, "a tiempo": 1.5,
    "muy tarde": -1.5, "mucho tiempo": -1,
}

# Consumed before anything else: they carry no sentiment or topic ("me llamo" is not a phone
# call; "sin embargo" means "however", not "without") but may still mark a "but".
_NEUTRAL_PHRASES = ("me llamo", "mi nombre es", "my name is", "no later than", "sin embargo")

_NEGATORS = frozenset({
    "not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without",
    "dont", "didnt", "doesnt", "cant", "cannot", "couldnt", "wont", "wouldnt", "wasnt",
    "werent", "isnt", "arent", "havent", "hasnt", "hadnt", "shouldnt",
    "ni", "nadie", "nada", "tampoco", "sin", "ningun", "ninguna", "ninguno",
})
_INTENSIFIERS = frozenset({
    "very", "really", "so", "extremely", "super", "totally", "incredibly", "absolutely",
    "completely", "too", "highly", "most", "muy", "bastante", "demasiado", "tan", "sumamente",
    "realmente", "totalmente", "extremadamente", "mucho", "muchisimo",
})
_BUT = frozenset({"but", "however", "although", "pero", "aunque", "sin embargo"})

_EN_STOP = frozenset({
    "the", "and", "to", "of", "i", "was", "it", "in", "my", "for", "that", "is", "on", "with",
    "they", "you", "have", "this", "not", "be", "at",
})
_ES_STOP = frozenset({
    "el", "la", "de", "que", "y", "en", "los", "las", "me", "mi", "por", "con", "para", "una",
    "un", "no", "es", "se", "lo", "muy", "pero",
})

# Topic id -> (English and Spanish entries, labels). Entries follow the matching rules above;
# phrases have spaces. Chosen from the IRS channels this platform serves (phone, walk-in,
# web, Direct File) and the A-11 drivers; extend them from real comments.
TOPICS: Mapping[str, Mapping[str, object]] = MappingProxyType({
    "wait_time": {
        "label": {"en": "Wait time", "es": "Tiempo de espera"},
        "terms": (
            "wait", "waited", "waiting", "hold", "on hold", "queue", "hour", "hours", "minutes",
            "forever", "took forever", "too long", "delay", "delayed", "backlog", "slow",
            "weeks", "months", "in line", "esper", "espera", "demora", "tardaron", "tardo",
            "fila", "cola", "hora", "horas", "minutos", "lento", "lenta", "semanas", "meses",
            "mucho tiempo", "retraso",
        ),
    },
    "phone": {
        "label": {"en": "Phone", "es": "Teléfono"},
        "terms": (
            "phone", "telephone", "call", "called", "calls", "calling", "hung up", "hang up",
            "callback", "call back", "voicemail", "ivr", "automated", "busy signal",
            "dropped", "disconnected", "no one answered", "nobody answered", "telefono",
            "llam", "llamada", "llamar", "me colgaron", "colgaron", "nadie contesto",
            "no contestan", "no contestaron", "linea ocupada", "marque",
        ),
    },
    "website": {
        "label": {"en": "Website and online tools", "es": "Sitio web y herramientas en línea"},
        "terms": (
            "website", "web", "site", "online", "webpage", "page", "link", "login", "log in",
            "logged", "password", "app", "portal", "browser", "click", "button", "crash",
            "crashed", "loading", "sitio web", "pagina", "en linea", "internet", "enlace",
            "contrasena", "aplicacion", "iniciar sesion", "navegador", "boton",
        ),
    },
    "refund": {
        "label": {"en": "Refund", "es": "Reembolso"},
        "terms": (
            "refund", "refunds", "direct deposit", "deposit", "refund check",
            "where's my refund", "money back", "reembolso", "devolucion", "deposito directo",
            "deposito", "cheque",
        ),
    },
    "identity": {
        "label": {"en": "Identity verification", "es": "Verificación de identidad"},
        "terms": (
            "identity", "id", "verify", "verification", "verified", "id.me", "idme",
            "login.gov", "identity theft", "fraud", "stolen", "ip pin", "5071c", "selfie",
            "authenticate", "authentication", "identidad", "verific", "robo de identidad",
            "fraude", "robaron",
        ),
    },
    "staff_courtesy": {
        "label": {"en": "Staff courtesy", "es": "Trato del personal"},
        "terms": (
            "rude", "polite", "courteous", "kind", "friendly", "helpful", "unhelpful", "staff",
            "employee", "employees", "agent", "agents", "representative", "representatives",
            "rep", "clerk", "customer service", "respectful", "disrespectful", "patient",
            "attitude", "professional", "dismissive", "amable", "amables", "grosero",
            "grosera", "groseros", "cortes", "respetuoso", "respetuosa", "empleado",
            "empleada", "empleados", "agente", "representante", "personal", "atento", "atenta",
            "paciencia", "mal educado", "trato",
        ),
    },
    "forms_paperwork": {
        "label": {"en": "Forms and paperwork", "es": "Formularios y trámites"},
        "terms": (
            "form", "forms", "paperwork", "document", "documents", "instructions", "schedule",
            "notice", "letter", "letters", "mail", "mailed", "fill out", "filled out", "w-2",
            "w2", "1040", "1099", "signature", "formulario", "formularios", "papeleo",
            "documento", "documentos", "instrucciones", "carta", "cartas", "aviso", "correo",
            "llenar", "tramite", "tramites",
        ),
    },
    "payment": {
        "label": {"en": "Payments and balances", "es": "Pagos y saldos"},
        "terms": (
            "pay", "paid", "paying", "payment", "payments", "owe", "owed", "balance",
            "payment plan", "installment", "penalty", "penalties", "interest", "debit",
            "credit card", "fee", "fees", "bill", "pagar", "pago", "pagos", "pague", "pagado",
            "deuda", "saldo", "plan de pagos", "multa", "multas", "cargo", "tarjeta",
            "intereses",
        ),
    },
    "language_access": {
        "label": {"en": "Language access", "es": "Acceso en otros idiomas"},
        "terms": (
            "spanish", "english", "language", "translator", "translation", "translate",
            "interpreter", "bilingual", "espanol", "ingles", "idioma", "interprete",
            "traduccion", "traductor", "bilingue", "no hablo ingles", "en espanol",
        ),
    },
    "in_person": {
        "label": {"en": "In-person visit", "es": "Visita en persona"},
        "terms": (
            "appointment", "appointments", "walk-in", "walk in", "office", "in person",
            "center", "lobby", "tac", "parking", "cita", "citas", "oficina", "en persona",
            "centro", "estacionamiento",
        ),
    },
    "accessibility": {
        "label": {"en": "Accessibility", "es": "Accesibilidad"},
        "terms": (
            "disability", "disabled", "deaf", "blind", "wheelchair", "accessible",
            "accessibility", "screen reader", "tty", "large print", "discapacidad", "sordo",
            "sorda", "ciego", "ciega", "silla de ruedas", "accesible", "letra grande",
        ),
    },
})
# fmt: on

_TOKEN = re.compile(r"[a-z0-9]+(?:[.\-][a-z0-9]+)*|!|[\U0001F300-\U0001FAFF\u2600-\u27BF]")
# thumbs up, thumbs down, pouting, angry, slight smile, grin, smiling eyes, heart, crying
_EMOJI = {
    "\U0001f44d": 2, "\U0001f44e": -2, "\U0001f621": -3, "\U0001f620": -2.5, "\U0001f642": 1,
    "\U0001f600": 2, "\U0001f60a": 2, "\u2764": 2, "\U0001f622": -2,
}  # fmt: skip


_NOT = re.compile(r"n't\b")


def _fold(text: str) -> str:
    """Lower-case, strip accents, and split English "n't" so negation is seen."""
    text = text.lower()
    if not text.isascii():  # ASCII has no accents to strip and no compatibility forms
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
        text = text.replace("\u2019", "'")
    if "'" in text:
        text = _NOT.sub(" not", text).replace("'", "")
    return text


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(_fold(text))  # _fold removed every "'"


class _WordIndex:
    """Single-word entries, looked up by the matching rule in the module docstring.

    An entry of four or more letters can only match tokens sharing its first four letters,
    so entries are bucketed by that prefix (longest first) and a lookup is a dict probe plus
    a short scan, not a pass over the whole lexicon.
    """

    def __init__(self, entries: Iterable[str]) -> None:
        words = {entry for entry in entries if " " not in entry}
        self.exact = frozenset(words)
        buckets: dict[str, list[str]] = {}
        for word in words:
            if len(word) >= 4:
                buckets.setdefault(word[:4], []).append(word)
        self.buckets = {k: sorted(v, key=len, reverse=True) for k, v in buckets.items()}
        self.seen: dict[str, str | None] = {}  # answers already worked out (words repeat)

    def lookup(self, token: str) -> str | None:
        """The longest entry matching ``token``, or None."""
        try:
            return self.seen[token]
        except KeyError:
            pass
        found = None
        if token in self.exact:
            found = token
        else:
            for entry in self.buckets.get(token[:4], ()):
                if token.startswith(entry) and len(token) - len(entry) <= 4:
                    found = entry
                    break
        if len(self.seen) < 100_000:  # bounded: a flood of made-up words cannot grow it
            self.seen[token] = found
        return found


def _phrases(entries) -> dict[str, list[list[str]]]:
    """Multi-word entries by their first word, longest first (a phrase can only match where
    its first word is)."""
    by_first: dict[str, list[list[str]]] = {}
    for phrase in sorted((e.split() for e in entries if " " in e), key=len, reverse=True):
        by_first.setdefault(phrase[0], []).append(phrase)
    return by_first


_VALENCE_INDEX = _WordIndex(_VALENCE)
_ES_ONLY = _WordIndex(
    (frozenset(_VALENCE_ES) - frozenset(_VALENCE_EN))
    | {
        "demasiado",
        "bastante",
        "tan",
        "sumamente",
        "realmente",
        "totalmente",
        "mucho",
    }
)
_EN_ONLY = _WordIndex(frozenset(_VALENCE_EN) - frozenset(_VALENCE_ES))
_SENTIMENT_PHRASES = _phrases(_PHRASES)
_NEUTRAL = _phrases(_NEUTRAL_PHRASES)


@dataclass(frozen=True)
class Sentiment:
    score: float
    """-1 (very negative) .. 1 (very positive)."""
    label: str
    """One of positive, negative, neutral."""
    hits: tuple[tuple[str, float], ...] = ()
    """(word or phrase, contribution) pairs that made the score, for explaining it."""


@dataclass(frozen=True)
class CommentTags:
    sentiment: Sentiment
    topics: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Topic id -> the words that matched it."""
    language: str = "en"


def detect_language(text: str) -> str:
    """Return "es" when Spanish words outnumber English ones, else "en"."""
    return _language(text, _tokens(text))


def _language(text: str, tokens: list[str]) -> str:
    spanish = sum(t in _ES_STOP or _ES_ONLY.lookup(t) is not None for t in tokens)
    spanish += sum(c in "ñ¿¡áéíóú" for c in text.lower())
    english = sum(t in _EN_STOP or _EN_ONLY.lookup(t) is not None for t in tokens)
    return "es" if spanish > english else "en"


def _match_phrase(
    tokens: list[str], index: int, phrases: dict[str, list[list[str]]]
) -> list[str] | None:
    for phrase in phrases.get(tokens[index], ()):
        if tokens[index : index + len(phrase)] == phrase:
            return phrase
    return None


def score_sentiment(text: str) -> Sentiment:
    """Sentiment of one comment; see the module docstring for the rules."""
    return _sentiment(_tokens(text))


def _sentiment(tokens: list[str]) -> Sentiment:
    units: list[tuple[str, float | None]] = []  # (token or phrase, valence or None)
    index = 0
    while index < len(tokens):
        neutral = _match_phrase(tokens, index, _NEUTRAL)
        if neutral:
            units.append((" ".join(neutral), None))
            index += len(neutral)
            continue
        phrase = _match_phrase(tokens, index, _SENTIMENT_PHRASES)
        if phrase:
            key = " ".join(phrase)
            units.append((key, float(_PHRASES[key])))
            index += len(phrase)
            continue
        token = tokens[index]
        entry = _VALENCE_INDEX.lookup(token)
        valence = _VALENCE[entry] if entry else _EMOJI.get(token)
        units.append((token, None if valence is None else float(valence)))
        index += 1

    but_at = next((i for i, (t, _) in enumerate(units) if t in _BUT), None)
    hits: list[tuple[str, float]] = []
    total = 0.0
    for position, (unit, valence) in enumerate(units):
        if valence is None or unit in _NEGATORS:
            continue
        window = [u for u, _ in units[max(0, position - 3) : position]]
        value = valence
        if window and window[-1] in _INTENSIFIERS:
            value *= INTENSIFIER_SCALAR
        if " " not in unit and any(w in _NEGATORS for w in window):
            value *= NEGATION_SCALAR
        if but_at is not None:
            value *= 0.5 if position < but_at else 1.5
        hits.append((unit, round(value, 3)))
        total += value
    bangs = min(4, sum(1 for u, _ in units if u == "!"))
    if total and bangs:
        total += math.copysign(0.292 * bangs, total)
    score = total / math.sqrt(total * total + NORMALIZATION_ALPHA) if total else 0.0
    score = round(max(-1.0, min(1.0, score)), 4)
    if score >= LABEL_THRESHOLD:
        label = "positive"
    elif score <= -LABEL_THRESHOLD:
        label = "negative"
    else:
        label = "neutral"
    return Sentiment(score=score, label=label, hits=tuple(hits))


def _topic_index():
    words: dict[str, list[str]] = {}
    phrases: list[tuple[list[str], str]] = []
    for topic, spec in TOPICS.items():
        for term in spec["terms"]:
            folded = _fold(term)
            if " " in folded:
                phrases.append((folded.split(), topic))
            else:
                words.setdefault(folded, []).append(topic)
    phrases.sort(key=lambda item: len(item[0]), reverse=True)
    by_first: dict[str, list[tuple[list[str], str]]] = {}
    for phrase, topic in phrases:  # longest first within each first word, as sorted
        by_first.setdefault(phrase[0], []).append((phrase, topic))
    return words, by_first


_TOPIC_WORDS, _TOPIC_PHRASES = _topic_index()
_TOPIC_INDEX = _WordIndex(_TOPIC_WORDS)


def tag_topics(text: str) -> dict[str, tuple[str, ...]]:
    """Topic id -> matched words, in the order of ``TOPICS``."""
    return _topics(_tokens(text))


def _topics(tokens: list[str]) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    index = 0
    while index < len(tokens):
        neutral = _match_phrase(tokens, index, _NEUTRAL)
        if neutral:
            index += len(neutral)
            continue
        hits = [
            (p, t)
            for p, t in _TOPIC_PHRASES.get(tokens[index], ())
            if tokens[index : index + len(p)] == p
        ]
        if hits:
            for phrase, topic in hits:
                found.setdefault(topic, []).append(" ".join(phrase))
            index += len(hits[0][0])  # phrases are sorted longest first
            continue
        entry = _TOPIC_INDEX.lookup(tokens[index])
        for topic in _TOPIC_WORDS.get(entry, ()) if entry else ():
            found.setdefault(topic, []).append(tokens[index])
        index += 1
    return {topic: tuple(dict.fromkeys(found[topic])) for topic in TOPICS if topic in found}


def tag_comment(text: str) -> CommentTags:
    """Sentiment, topics and language of one (already redacted) comment."""
    if not isinstance(text, str):
        raise TypeError(f"tag_comment() takes a string, not {type(text).__name__}")
    tokens = _tokens(text)  # once for all three
    return CommentTags(
        sentiment=_sentiment(tokens),
        topics=MappingProxyType(_topics(tokens)),
        language=_language(text, tokens),
    )
