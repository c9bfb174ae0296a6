"""Scanned and typed codes: what a label's code points at."""
