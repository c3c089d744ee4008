"""Defaults of the flows, in a module that does not import Prefect: the CLI's help and the benchmarks read them."""

PARALLEL_BATCH_DOCUMENTS = 8
"""Documents per coding task when batches are spread over workers: small enough to keep every worker busy."""

DEFAULT_PORT = 4200
"""Port of the Prefect server dyadflow starts when PREFECT_API_URL is not set."""

NIGHTLY_CRON = "0 2 * * *"
"""When the nightly deployment runs unless told otherwise: at two every night."""
