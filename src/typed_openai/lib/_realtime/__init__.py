"""The Realtime API's websocket connection (``client.realtime.connect()``,
``client.beta.realtime.connect()``), on the optional ``websockets`` package (the ``realtime``
extra). Nothing here is imported until ``connect()`` is called, so the package imports as fast
without it."""
