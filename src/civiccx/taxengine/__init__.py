"""Civic CX tax engine: a fact graph for simple federal returns (TY2023, TY2024).

Pure library (no Django): ``compute`` a return document, ``explain`` any fact, ask the graph
which answers are ``missing``, or run the vectorized ``batch`` path over millions of returns.
"""

from civiccx.taxengine.engine import Outcome, compute
from civiccx.taxengine.explain import explain
from civiccx.taxengine.graph import FactGraph
from civiccx.taxengine.returns import ReturnError, load_return
from civiccx.taxengine.rules import DICTIONARY

__all__ = ["DICTIONARY", "FactGraph", "Outcome", "ReturnError", "compute", "explain",
           "load_return"]
