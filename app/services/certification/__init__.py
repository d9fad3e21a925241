"""Certifying a petition's result by two officers, and the recall vote that may follow."""
