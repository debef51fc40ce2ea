"""The runtime of the websocket interfaces (``client.realtime.connect()``,
``client.beta.realtime.connect()``, ``client.realtime.translations.connect()``,
``client.responses.connect()``, ``client.beta.responses.connect()``), on the optional
``websockets`` package (the ``realtime`` extra). Each interface's classes are generated from
config ``websockets:`` (_with_helpers/_connections/). Nothing here is imported until
``connect()`` is called, so the package imports as fast without it."""
