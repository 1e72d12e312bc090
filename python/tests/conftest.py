"""Shared fixtures: the CLI and the generated data `make spark` prepared, and one Spark session in
local-cluster mode (a driver and two executor JVMs on 127.0.0.1, each with its own Python workers),
so that every test crosses the boundaries a real cluster has."""

import os
import sys
from pathlib import Path

import pytest

AS_OF = "2026-11-23T00:00:00Z"
ROOT = Path(__file__).resolve().parents[2]


def _path(var: str, default: str) -> Path:
    path = Path(os.environ.get(var, ROOT / default))
    if not path.exists():
        pytest.exit(f"{path} is missing: run `make spark`, which prepares it", returncode=2)
    return path


@pytest.fixture(scope="session")
def cli() -> Path:
    """The native CLI (release build)."""
    return _path("LEADSCORE_CLI", "target/release/leadscore")


@pytest.fixture(scope="session")
def data() -> Path:
    """target/spark: leads-100k.ndjson, cards-100k.jsonl (the CLI's explained cards), leads-1m.ndjson."""
    return _path("LEADSCORE_SPARK_DATA", "target/spark")


@pytest.fixture(scope="session")
def spark():
    from pyspark.sql import SparkSession

    # The executors' Python workers run this interpreter (the venv with the wheel installed).
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    session = (
        SparkSession.builder.master(os.environ.get("LEADSCORE_SPARK_MASTER", "local-cluster[2,1,1024]"))
        .appName("leadscore-tests")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.memory", "2g")
        .config("spark.executorEnv.PYSPARK_PYTHON", sys.executable)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
