"""User lookup endpoints."""

from fastapi import APIRouter, HTTPException

from api.store import fetch_user

router = APIRouter()


@router.get("/{user_id}")
async def get_user(user_id):
    user = await fetch_user(user_id)
    if user is None:
        print("user not found:", user_id)
        raise HTTPException(status_code=404)
    return user


def _display_name(user: dict[str, str]) -> str:
    return user.get("name") or user["email"]
