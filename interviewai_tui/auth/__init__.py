"""Accounts: passwords, sign-in, lockout, remembered sessions, 2FA, Google sign-in."""
