"""Feedback: A-11 Section 280 survey instruments, responses, scoring and quarterly exports."""
