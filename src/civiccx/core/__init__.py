"""Shared foundations: layout, languages, security, PII protection, audit, roles."""
