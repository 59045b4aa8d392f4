"""Run the billing cycle: ``python -m billing [--dry-run]``."""

import argparse
import logging
import signal
import time

from billing.invoices import run_cycle

logger = logging.getLogger(__name__)
stopping = False


def request_stop(signum: int, frame: object) -> None:
    """Finish the current cycle, then exit.

    Args:
        signum: The signal received.
        frame: The interrupted stack frame (unused).
    """
    global stopping
    stopping = True
    logger.info("signal %s received, stopping after this cycle", signum)


def main() -> None:
    """Parse the command line and bill every hour until stopped."""
    parser = argparse.ArgumentParser(description="Run the billing cycle.")
    parser.add_argument("--dry-run", action="store_true", help="compute invoices without charging")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    while not stopping:
        run_cycle(dry_run=args.dry_run)
        time.sleep(3600)


if __name__ == "__main__":
    main()
