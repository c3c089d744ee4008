"""What the actor data costs to load: seconds to read the tables and build the matcher, and peak memory.

    .venv/bin/python benchmarks/actor_load.py

Loads the spaCy pipeline first (its time and memory are printed apart), then reads the actor tables
(`load_actor_data`) and builds the `ActorMatcher` over them. Prints `key=value` figures: wall and CPU
seconds for each step (CPU time is the steadier on a shared machine), the resident memory the actor
data adds, the process's peak, and what was loaded.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _rss_mb() -> float:
    """The resident memory of this process now, in MB (Linux /proc), or the peak where /proc is absent."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    """Time and measure the actor data's loading and print the figures."""
    from coders.nlp import load_nlp

    start = time.perf_counter()
    nlp = load_nlp()
    model_seconds = time.perf_counter() - start
    before = _rss_mb()

    from coders.actor_data import load_actor_data
    from coders.actors import ActorMatcher

    start, cpu = time.perf_counter(), time.process_time()
    data = load_actor_data()
    tables_seconds, tables_cpu = time.perf_counter() - start, time.process_time() - cpu
    start, cpu = time.perf_counter(), time.process_time()
    ActorMatcher(nlp, data)
    matcher_seconds, matcher_cpu = time.perf_counter() - start, time.process_time() - cpu
    after = _rss_mb()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"model_seconds={model_seconds:.2f}")
    print(f"tables_seconds={tables_seconds:.2f} tables_cpu_seconds={tables_cpu:.2f}")
    print(f"matcher_seconds={matcher_seconds:.2f} matcher_cpu_seconds={matcher_cpu:.2f}")
    print(f"actor_data_mb={after - before:.0f}")
    print(f"peak_rss_mb={peak:.0f}")
    print(f"places={len(data.places)} organizations={len(data.organizations)} people={len(data.people)} agents={len(data.agents)}")
    print(f"phrases={len(data.written_phrases())}")


if __name__ == "__main__":
    main()
