"""Use cases: plain values and the acting user in, frozen DTOs out, one unit of work each."""
