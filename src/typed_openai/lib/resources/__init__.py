"""Bodies of the helper methods spec/config.yml declares (``helpers:``), one module per resource.

The generator writes the helpers' signatures (into ``typed_openai._with_helpers``) from the same
operations as the generated methods; each signature calls a function here with the resource and
its arguments by keyword. Kept free of imports: each module loads when a helper is first called.
"""
