"""Background jobs pulled from the Redis queue."""
