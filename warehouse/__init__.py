"""The warehouse: Parquet files committed per run, DuckDB views and macros over them, dyad scores, exports."""
