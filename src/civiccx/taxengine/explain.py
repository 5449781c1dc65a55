"""Explanations: any derived fact as a tree of the rules and answers that decided it."""

from __future__ import annotations

from dataclasses import dataclass, field

from civiccx.taxengine.facts import DOLLARS, SIGNED_DOLLARS, WORKSHEET
from civiccx.taxengine.graph import FactGraph
from civiccx.taxengine.money import fmt, usd


@dataclass
class Explanation:
    path: str
    says: str
    value: object
    status: str
    cite: str
    kind: str  # "rule" or "answer"
    children: list[Explanation] = field(default_factory=list)
    repeated: bool = False

    def as_dict(self) -> dict:
        d = {"path": self.path, "says": self.says, "value": self.value, "status": self.status,
             "kind": self.kind}
        if self.cite:
            d["cite"] = self.cite
        if self.repeated:
            d["explainedAbove"] = True
        if self.children:
            d["because"] = [c.as_dict() for c in self.children]
        return d

    def text(self) -> str:
        lines: list[str] = []
        self._lines(lines, 0)
        return "\n".join(lines)

    def _lines(self, out: list[str], depth: int) -> None:
        pad = "  " * depth
        what = f"{self.says}: {self.value}"
        if self.kind == "answer":
            what += " (your answer)"
        elif self.cite:
            what += f"  [{self.cite}]"
        if self.repeated:
            what += " (explained above)"
        if self.status != "complete":
            what += f" <{self.status}>"
        out.append(pad + ("- " if depth else "") + what)
        for c in self.children:
            c._lines(out, depth + 1)

    def find(self, path: str) -> Explanation | None:
        if self.path == path:
            return self
        for c in self.children:
            hit = c.find(path)
            if hit is not None:
                return hit
        return None

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


def _show(value: object, fact_type, path: str = "") -> object:
    if value is None:
        return "unknown"
    if fact_type in (DOLLARS, SIGNED_DOLLARS):
        return usd(value)
    if fact_type is WORKSHEET:
        counts = ("4", "6") if path == "/schedule8812" else ()
        return {k: (fmt(v) if isinstance(v, int) and k not in counts else v)
                for k, v in value.items()}
    if isinstance(value, tuple):
        return f"{len(value)} listed"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if fact_type.options:
        return str(value).replace("_", " ")
    return str(value)


def explain(g: FactGraph, path: str, max_depth: int = 12) -> Explanation:
    """Explain ``path``. A fact reached twice is expanded once and marked the second time."""
    seen: set[str] = set()

    def build(p: str, depth: int) -> Explanation:
        fact = g.fact(p)
        r = g.get(p)
        node = Explanation(p, fact.says, _show(r.value, fact.type, fact.path), r.status, fact.cite,
                           "answer" if fact.writable else "rule")
        if fact.writable:
            return node
        if p in seen:
            node.repeated = True
            return node
        seen.add(p)
        if depth < max_depth:
            node.children = [build(c, depth + 1) for c in g.reads(p)]
        return node

    return build(path, 0)
