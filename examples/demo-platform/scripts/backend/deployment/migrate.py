#!/usr/bin/env python3
"""Apply pending database migrations before a release."""

import argparse
import logging
import os
import subprocess

logger = logging.getLogger(__name__)


def migrate(target: str, dry_run: bool) -> int:
    """Run Alembic up to a revision.

    Args:
        target: The Alembic revision to migrate to.
        dry_run: Print the SQL instead of executing it.

    Returns:
        Alembic's exit code.
    """
    command = ["alembic", "upgrade", target] + (["--sql"] if dry_run else [])
    logger.info("running %s against %s", " ".join(command), os.environ["DATABASE_HOST"])
    return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("target", nargs="?", default="head")
    parser.add_argument("--dry-run", action="store_true")
    arguments = parser.parse_args()
    logging.basicConfig(level=logging.INFO)
    raise SystemExit(migrate(arguments.target, arguments.dry_run))
