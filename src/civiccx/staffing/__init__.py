"""Staffing: forecasts, staffing plans and the contact-center simulator (math in `queueing`)."""
