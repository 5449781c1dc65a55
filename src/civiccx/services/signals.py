"""`interaction_recorded` fires after an Interaction is committed; feedback listens to invite."""

import django.dispatch

interaction_recorded = django.dispatch.Signal()
