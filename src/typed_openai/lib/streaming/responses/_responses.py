"""The Responses streaming classes under the official SDK's private module path.

Code written for it imports them from there (``from openai.lib.streaming.responses._responses
import ResponseStreamState``); these are the very classes of ``lib.streaming.responses``.
"""

from ._manager import AsyncResponseStreamManager as AsyncResponseStreamManager
from ._manager import ResponseStreamManager as ResponseStreamManager
from ._state import ResponseStreamState as ResponseStreamState
from ._stream import AsyncResponseStream as AsyncResponseStream
from ._stream import ResponseStream as ResponseStream

__all__ = [
    "AsyncResponseStream",
    "AsyncResponseStreamManager",
    "ResponseStream",
    "ResponseStreamManager",
    "ResponseStreamState",
]
