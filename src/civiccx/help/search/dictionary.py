"""General vocabularies of English and Spanish, to tell a real word from a typo.

Typo correction must never rewrite a word the person spelled right ("said" is not a typo of
"paid", "llevo" not one of "llego", "ohio" not one of "ohip"). A word counts as a word of the
language when the wordfreq package (Robyn Speer et al., Apache-2.0 code; word lists CC BY-SA
4.0, built from Wikipedia, subtitles, news, books, web text and more) gives it a Zipf frequency
of at least MIN_ZIPF in that language: about 54,000 English and 68,000 Spanish words, with
inflections ("verifying", "mensualidades", "pidiendo") and common names ("texas", "apellido").
Rare misspellings that web text contains ("extention" 2.0, "ammended" 1.1) stay below the line.

wordfreq keeps accents ("manutención"); the index folds them, so a folded word takes the
highest frequency of its accented spellings. The lists load on first use (about 1 s for both
languages) and are kept for the life of the process.
"""

from __future__ import annotations

import math
import threading

from .text import LANGUAGES, fold

MIN_ZIPF = 2.5
_lock = threading.Lock()
_words: dict[str, dict[str, float]] = {}


def _load(language: str) -> dict[str, float]:
    import wordfreq  # a large import: only when a query first has a word no article uses

    floor = 10 ** (MIN_ZIPF - 9)  # Zipf = log10(frequency per billion words)
    words: dict[str, float] = {}
    for word, frequency in wordfreq.get_frequency_dict(language, wordlist="large").items():
        if frequency >= floor:
            key = fold(word).replace("'", "").replace("’", "")
            zipf = round(math.log10(frequency) + 9, 2)
            if zipf > words.get(key, 0.0):
                words[key] = zipf
    for cached in ("get_frequency_list", "get_frequency_dict"):  # keep only our copy
        clear = getattr(getattr(wordfreq, cached, None), "cache_clear", None)
        if clear is not None:
            clear()
    return words


def words_of(language: str) -> dict[str, float]:
    """Every folded word of the language's general vocabulary, with its Zipf frequency."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; expected one of {LANGUAGES}")
    words = _words.get(language)
    if words is None:
        with _lock:
            words = _words.get(language)
            if words is None:
                words = _words[language] = _load(language)
    return words


def is_word(token: str, language: str) -> bool:
    """Whether a folded token is an ordinary word of the language."""
    return token in words_of(language)


def zipf(token: str, language: str) -> float:
    """How common a folded word is in the language (Zipf scale: 7 is "the", 3 a word read
    about once per million words); 0 below MIN_ZIPF or for a word the language lacks."""
    return words_of(language).get(token, 0.0)
