"""Civic CX tax engine: a fact graph for simple federal returns (TY2023, TY2024).

Pure library (no Django): ``compute`` a return document, ``explain`` any fact (summary first),
ask the graph which answers are ``missing``, list the ``knockouts`` (out of scope, with the rule
that failed and the answers to change) and the ``validate`` messages on answers, or run the
vectorized ``batch`` path over millions of returns. Every message is in ``CATALOGUE``
(``catalogue.yaml``).
"""

from civiccx.taxengine.catalogue import CATALOGUE
from civiccx.taxengine.engine import Outcome, compute
from civiccx.taxengine.explain import Explanation, explain
from civiccx.taxengine.graph import FactGraph
from civiccx.taxengine.knockouts import Finding, Knockout, knockouts
from civiccx.taxengine.returns import ReturnError, load_return
from civiccx.taxengine.rules import DICTIONARY
from civiccx.taxengine.validation import Issue, validate

__all__ = ["CATALOGUE", "DICTIONARY", "Explanation", "FactGraph", "Finding", "Issue", "Knockout",
           "Outcome", "ReturnError", "compute", "explain", "knockouts", "load_return",
           "validate"]
