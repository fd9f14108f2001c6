"""Endpoints and their secrets, edited in the window."""
