"""Where the server listens unless the user chose otherwise. Apart from the server's modules so
the settings schema can name it without importing Starlette at start-up."""

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080
