"""Liveness and readiness endpoints for the orchestrator."""

from fastapi import APIRouter

router = APIRouter()


@router.get("/health")
async def health() -> dict[str, str]:
    """Report that the process is up.

    Returns:
        A constant status document.
    """
    return {"status": "ok"}
