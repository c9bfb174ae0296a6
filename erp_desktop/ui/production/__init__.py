"""Parts, their stages and the shift journal."""
