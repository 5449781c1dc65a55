"""The demo agency: a fictional tax agency modeled on the IRS 2024 filing season."""
