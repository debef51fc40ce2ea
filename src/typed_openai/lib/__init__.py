"""Hand-written helpers on top of the generated client (structured outputs, streaming, polling).

Kept free of imports so that importing a submodule does not load the others.
"""
