"""Run the worker: ``python -m worker --concurrency N``."""

import sys

from worker.consumer import consume


def main():
    concurrency = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    print("worker starting with concurrency", concurrency)
    while True:
        consume(batch_size=concurrency)


if __name__ == "__main__":
    main()
