"""Parts (production jobs), their stages and the shift journal's facts."""
