"""Accounts: sign-up, confirmation and reset with their mailed tokens; staff accounts
(officers and their scope, deputies)."""
