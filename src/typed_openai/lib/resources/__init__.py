"""Bodies of the helper methods spec/config.yml declares (``helpers:``), one module per resource.

The generator writes their signatures (``typed_openai._with_helpers``), whose sync and async
methods both call a function here with the resource and every argument by keyword
(``lib/_steps.py``). A body names the arguments it changes and forwards the rest to the wrapped
method, so a new parameter in the spec reaches the helper on regeneration. Kept free of imports:
each module loads when a helper is first called. (The websockets' ``connect()`` bodies are
generated with their interfaces' classes, config ``websockets:``: _with_helpers/_connections/.)
"""
