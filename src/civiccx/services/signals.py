"""What the spine tells the rest of the house about interactions.

- `interaction_saved`: inside the transaction that stores an Interaction, for counts that must
  commit or roll back with it (metrics counts a customer served).
- `interaction_recorded`: after that transaction commits, for side effects (feedback invites
  to a survey), so a rolled-back visit never triggers one.
- `interaction_voided`: inside the transaction that records an `InteractionCorrection`, so the
  counts drop with it.
"""

import django.dispatch

interaction_saved = django.dispatch.Signal()
interaction_recorded = django.dispatch.Signal()
interaction_voided = django.dispatch.Signal()
