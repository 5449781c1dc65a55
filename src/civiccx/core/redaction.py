"""Placeholder until the full redaction library lands: masks digits runs and emails."""

import logging
import re
from dataclasses import dataclass, field

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_SSN = re.compile(r"\b\d{3}[- ]?\d{2}[- ]?\d{4}\b")
_PHONE = re.compile(r"(?:\+?1[ .-]?)?\(?\d{3}\)?[ .-]?\d{3}[ .-]?\d{4}\b")


@dataclass
class RedactionResult:
    text: str
    counts: dict = field(default_factory=dict)


def redact(text: str) -> RedactionResult:
    counts = {}
    for token, pattern in (("[EMAIL]", _EMAIL), ("[SSN]", _SSN), ("[PHONE]", _PHONE)):
        text, n = pattern.subn(token, text)
        if n:
            counts[token] = n
    return RedactionResult(text, counts)


class PIIRedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage()).text
        record.args = ()
        return True
