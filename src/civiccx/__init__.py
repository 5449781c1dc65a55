"""Civic CX: deliver public services simply and measure how people experience them."""

__version__ = "0.1.0"
