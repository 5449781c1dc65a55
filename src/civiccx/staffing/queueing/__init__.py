"""Queueing math for staffing a contact center: Erlang C and A, wait predictors, plans, simulation.

Pure library: imports numpy/scipy (and numba when installed), never Django.
"""
