"""Signing in, the connection settings, the idle lock."""
