"""The one idiom for states (decision 0013), kept true: every state field is a protected
django-fsm field on a model that guards concurrent saves, every declared transition is used by
the application, nothing writes a state with `queryset.update`, and refusals carry the
sentence people see."""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django_fsm import ConcurrentTransitionMixin, FSMFieldMixin, TransitionNotAllowed, transition

from civiccx.core.states import refused_with

SRC = Path(__file__).resolve().parents[2] / "src" / "civiccx"


def _state_fields():
    return [(model, field) for model in apps.get_models() for field in model._meta.fields
            if isinstance(field, FSMFieldMixin)]


def _python_files():
    return [path for path in SRC.rglob("*.py") if "migrations" not in path.parts]


def test_the_models_that_move_through_states_are_the_eight_we_know():
    assert {f"{model._meta.label}.{field.name}" for model, field in _state_fields()} == {
        "help.Translation.state", "phone.QueueEntry.status", "staffing.PlanningRun.status",
        "walkin.Appointment.status", "walkin.Ticket.status", "directfile.TaxReturn.status",
        "research.Persona.state", "research.LifeExperience.state",
        "reports.Commitment.status", "reports.ProgressReport.state"}


@pytest.mark.parametrize(("model", "field"), _state_fields(),
                         ids=lambda item: getattr(item, "__name__", getattr(item, "name", "")))
def test_a_state_is_protected_and_its_saves_are_guarded(model, field):
    assert field.protected, f"{model.__name__}.{field.name} needs FSMField(protected=True)"
    assert issubclass(model, ConcurrentTransitionMixin), model.__name__
    instance = model()
    with pytest.raises(AttributeError, match="modification is not allowed"):
        setattr(instance, field.name, field.choices[-1][0])


def _module_names(tree: ast.Module) -> set[str]:
    """Names a file binds to our modules (`from civiccx.walkin import booking`: `booking`)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("civiccx"):
            package = SRC.parent.joinpath(*node.module.split("."))
            names |= {alias.asname or alias.name for alias in node.names
                      if (package / f"{alias.name}.py").exists()
                      or (package / alias.name / "__init__.py").exists()}
    return names


def _methods_used(path: Path) -> set[str]:
    """Attribute names a file takes from objects (not from our modules), leaving out
    `can_proceed(x.move)`, which only asks whether a move is possible."""
    tree = ast.parse(path.read_text())
    modules = _module_names(tree)
    only_asked = {id(node.args[0]) for node in ast.walk(tree)
                  if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "can_proceed"}
    return {node.attr for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and id(node) not in only_asked
            and not (isinstance(node.value, ast.Name) and node.value.id in modules)}


def test_every_declared_transition_is_used_by_its_app():
    """A transition nobody calls is a path the machine promises and the product never takes.
    (Transitions are taken by their own app's services and views.)"""
    unused = []
    for model, field in _state_fields():
        app = SRC / model._meta.app_label
        used = set().union(*(_methods_used(path) for path in app.rglob("*.py")
                             if "migrations" not in path.parts))
        unused += [f"{model.__name__}.{t.name}"
                   for t in field.get_all_transitions(model)
                   if t.name not in used]
    assert not unused, f"declared but never used by the application: {sorted(set(unused))}"


def test_no_code_writes_a_state_with_a_queryset_update():
    """`queryset.update(status=…)` bypasses the transitions and their side effects. The one
    bypass on purpose (the PostgreSQL claim in `phone.services.take_next`) is raw SQL whose
    result a test holds equal to the transition's."""
    fsm_models = {model.__name__: field.name for model, field in _state_fields()}
    offenders = []
    for path in _python_files():
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "update"):
                continue
            root = node.func.value
            while isinstance(root, ast.Call | ast.Attribute):
                root = root.func if isinstance(root, ast.Call) else root.value
            name = getattr(root, "id", "")
            if name in fsm_models and fsm_models[name] in {k.arg for k in node.keywords}:
                offenders.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert not offenders, offenders


class _Refused(TransitionNotAllowed):
    """A refusal for the tests of the decorator."""


def test_refused_with_wants_an_error_that_is_a_transition_not_allowed():
    with pytest.raises(TypeError, match="must subclass TransitionNotAllowed"):
        refused_with(ValueError, "No.")


def test_refused_with_goes_above_the_transition():
    def move(self):
        return None

    with pytest.raises(TypeError, match="goes above @transition"):
        refused_with(_Refused, "No.")(move)
    assert callable(refused_with(_Refused, "No.")(transition(field="state", source="a",
                                                             target="b")(move)))
