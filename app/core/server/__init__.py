"""The local OpenAI-shaped HTTP server: Starlette routes over a small engine port, no Qt.

`engine_port` is the one door to the model; `engine_thread` is the headless adapter behind it
(one thread owns the ChatEngine). Everything else maps HTTP requests to engine jobs and shapes
the answers."""
