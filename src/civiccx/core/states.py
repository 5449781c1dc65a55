"""How a model that moves through states is written (decision 0013).

- The state is a django-fsm `FSMField(protected=True)`: it cannot be assigned by hand
  (`ticket.status = "served"` raises AttributeError), only moved by a transition.
- The model mixes in django-fsm's `ConcurrentTransitionMixin`: saving a state change is
  `UPDATE … WHERE id = … AND status = <the state it was read in>`, so of two concurrent moves
  from the same state only one is saved; the other raises `ConcurrentTransition` and its
  transaction rolls back. (The mixin also lets `refresh_from_db` reload a protected field.)
- Each allowed move is one `@transition` method, and the method holds the move's side effects:
  the fields it sets, the rows it writes, the texts it sends after commit.
- A move the state does not allow raises `TransitionNotAllowed`. When a person can ask for
  that move, `@refused_with` declares beside the transition the sentence they see, raised as
  the app's own error (a subclass of both the error its views catch and `TransitionNotAllowed`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django_fsm import TransitionNotAllowed


def refused_with(error: type[TransitionNotAllowed], message: str | Callable[..., str]):
    """Decorate a django-fsm transition (put it above `@transition`): when the instance's state
    or the transition's conditions do not allow it, raise `error(message)` instead of
    django-fsm's generic "Can't switch from state …". `message` is text (lazy text is fine) or
    a function of the instance, for sentences that name it."""
    if not issubclass(error, TransitionNotAllowed):
        raise TypeError(f"{error.__name__} must subclass TransitionNotAllowed, so that every "
                        "refused move can be caught as one.")

    def decorate(move):
        unwrapped = getattr(move, "__wrapped__", None)
        if unwrapped is None or not hasattr(move, "_django_fsm"):
            raise TypeError(f"@refused_with goes above @transition (on {move.__name__}).")

        @wraps(move)
        def guarded(instance, *args, **kwargs):
            try:
                return move(instance, *args, **kwargs)
            except TransitionNotAllowed as refusal:
                if refusal.object is not instance or refusal.method is not unwrapped:
                    raise  # another transition, run as a side effect, was refused
                text = message(instance) if callable(message) else message
                raise error(str(text)) from refusal

        return guarded

    return decorate
