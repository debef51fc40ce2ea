"""Turning a chat completion into a `ParsedChatCompletion` (content and tool-call arguments).

Kept free of imports: `_completions` and `_types` load the generated chat models, which the client
only loads when `parse()` is first called.
"""
