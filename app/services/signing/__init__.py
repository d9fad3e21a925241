"""Signing online: verifying as a voter, signing once, withdrawing, and what a person may do
about a petition."""
