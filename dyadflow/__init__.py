"""dyadflow: news text to CAMEO-coded dyadic events, stored as Parquet and scored with DuckDB."""

__version__ = "0.1.0"
