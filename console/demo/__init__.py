"""Demo mode: the demo organisation and the traffic simulator (the embedded default)."""
