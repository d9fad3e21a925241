"""Citizen pages: voter verification, starting a recall, signing and "My signatures"."""
