"""Bring spec/openapi.yml up to the whole upstream OpenAI API, facts only, in this project's words.

`python -m tools.spec_import` adds every upstream operation and webhook the spec does not have yet,
with the component schemas they need, stripped of upstream prose (`facts`), merged without touching
what the spec already holds (`merge`), then applies the descriptions of `spec/descriptions/*.yml`
(`descriptions`). Running it again changes nothing.
"""
