"""The platform's public HTTP API: routing, request models and health checks."""
