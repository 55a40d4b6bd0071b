"""One module per screen (or screen family)."""
