"""Access to the users table."""

import os

DATABASE_URL = os.environ["DATABASE_URL"]


async def fetch_user(user_id: str) -> dict[str, str] | None:
    """Load one user by id.

    Args:
        user_id: The user's primary key.

    Returns:
        The user's row, or None when there is no such user.
    """
    async with connect(DATABASE_URL) as connection:
        return await connection.fetch_one("SELECT * FROM users WHERE id = $1", user_id)
