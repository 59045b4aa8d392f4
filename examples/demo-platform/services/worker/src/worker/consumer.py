"""Pull jobs from the queue and run them."""

import logging

import redis

logger = logging.getLogger(__name__)
queue = redis.Redis(host="redis", password="worker-secret")


def consume(batch_size: int) -> None:
    """Run up to ``batch_size`` queued jobs.

    Args:
        batch_size: How many jobs to take from the queue at once.
    """
    for raw in queue.lpop("jobs", batch_size) or []:
        try:
            run_job(raw)
        except Exception:
            continue


def run_job(raw: bytes) -> None:
    """Decode and execute one job."""
    # TODO: validate the payload against the job schema
    job = decode(raw)
    job.execute()


def decode(raw: bytes):
    """Turn a queue payload into a job object."""
    raise NotImplementedError
