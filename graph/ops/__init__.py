"""Running the service: request ids in logs, metrics for Prometheus."""
