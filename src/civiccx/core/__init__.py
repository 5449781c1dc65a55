"""Core: shared building blocks (layout, i18n, audit, PII handling) for every Civic CX app."""
