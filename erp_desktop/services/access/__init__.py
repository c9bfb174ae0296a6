"""Signing in, sessions, passwords and the connection to the database."""
