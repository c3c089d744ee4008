"""Prefect flows: the pipeline flow and its served nightly deployment. The only Prefect code."""

import os

# dyadflow never phones home: Prefect's local server must not send telemetry.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
