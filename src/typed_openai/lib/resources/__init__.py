"""Hand-written subclasses of generated resources that add helper methods (``parse``, ``stream``).

`spec/config.yml` names them (``subclass:``), so the generated client tree instantiates these
classes instead of the generated ones. Kept free of imports: each subclass loads on first use.
"""
