"""ASGI entry point: gunicorn serves ``api.main:app``."""

import logging

from fastapi import FastAPI

from api.health import router as health_router
from api.users import router as users_router

logger = logging.getLogger(__name__)


def create_app() -> FastAPI:
    """Build the application with every router mounted.

    Returns:
        The configured FastAPI application.
    """
    application = FastAPI(title="Platform API")
    application.include_router(health_router)
    application.include_router(users_router, prefix="/users")
    logger.info("API routers mounted")
    return application


app = create_app()
