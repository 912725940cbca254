"""The ASGI application: routes, the API-key gate, and one place that turns errors into JSON."""

from __future__ import annotations

import logging

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from app.core.errors import UserError
from app.core.server.api_errors import ApiError
from app.core.server.audio_routes import transcriptions, translations
from app.core.server.chat_routes import chat_completions, served_model
from app.core.server.engine_port import EnginePort, ModelLoading, ModelUnavailable
from app.core.server.security import RequestGate, ServerSettings

log = logging.getLogger(__name__)


def create_app(port: EnginePort, settings: ServerSettings) -> Starlette:
    routes = [
        Route("/health", health, methods=["GET"]),
        Route("/v1/models", list_models, methods=["GET"]),
        Route("/v1/models/{model_id:path}", get_model, methods=["GET"]),
        Route("/v1/chat/completions", chat_completions, methods=["POST"]),
        Route("/v1/audio/transcriptions", transcriptions, methods=["POST"]),
        Route("/v1/audio/translations", translations, methods=["POST"]),
    ]
    handlers = {ApiError: _api_error, HTTPException: _http_error, UserError: _user_error, Exception: _bug}
    app = Starlette(
        routes=routes,
        middleware=[Middleware(RequestGate, settings=settings)],
        exception_handlers=handlers,
    )
    app.state.port = port
    return app


async def health(request: Request) -> Response:
    try:
        model = request.app.state.port.model()
    except ModelLoading as error:
        return JSONResponse({"status": "loading", "message": str(error)}, status_code=503)
    except ModelUnavailable as error:
        return JSONResponse({"status": "unavailable", "message": str(error)}, status_code=503)
    return JSONResponse({"status": "ok", "model": model.model_id})


async def list_models(request: Request) -> Response:
    model = served_model(request.app.state.port)
    return JSONResponse({"object": "list", "data": [_model_entry(model)]})


async def get_model(request: Request) -> Response:
    model = served_model(request.app.state.port)
    if request.path_params["model_id"] != model.model_id:
        raise ApiError(404, f"No model {request.path_params['model_id']!r} here; this server runs {model.model_id!r}.",
                       code="model_not_found")
    return JSONResponse(_model_entry(model))


def _model_entry(model) -> dict:
    return {
        "id": model.model_id,
        "object": "model",
        "created": model.created,
        "owned_by": "gemma-desk",
        "architecture": model.architecture,
        "context_length": model.context_size,
        "supports_images": model.supports_images,
        "supports_audio": model.supports_audio,
    }


async def _api_error(request: Request, error: ApiError) -> Response:
    return error.response()


async def _http_error(request: Request, error: HTTPException) -> Response:
    message = {404: f"No route {request.url.path}.", 405: f"{request.method} is not allowed on {request.url.path}."}
    return ApiError(error.status_code, message.get(error.status_code, str(error.detail))).response()


async def _user_error(request: Request, error: UserError) -> Response:
    return ApiError(400, str(error)).response()


async def _bug(request: Request, error: Exception) -> Response:
    log.error("request %s %s failed", request.method, request.url.path, exc_info=error)
    return ApiError(500, f"Internal error ({error.__class__.__name__}); see the server log.").response()
