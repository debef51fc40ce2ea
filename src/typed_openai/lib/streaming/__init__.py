"""Streaming helpers: typed events and accumulated snapshots over streamed responses.

Kept free of imports so that importing one helper does not load the others.
"""
