"""``python -m benchmarks [--quick] [--json FILE] [--only B1,B3]``: run, print a table, write JSON.

Exit code 1 when a benchmark crashed, 0 otherwise: timings over budget are reported, never a
failure (machines differ; CI must not flake on them). Main thread only.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

from benchmarks.report import machine, render_table, write_json

OUT = Path(__file__).resolve().parent / "out"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, few runs (CI)")
    parser.add_argument("--json", type=Path, help="write the results here (default: out/)")
    parser.add_argument("--only", help="comma-separated ids, e.g. B1,B3")
    parser.add_argument(
        "--cache-dir", type=Path, default=OUT / "stores", help="where generated stores are kept"
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated data")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from benchmarks.core import Context
    from benchmarks.suite import all_benchmarks

    wanted = {i.strip().upper() for i in args.only.split(",")} if args.only else None
    chosen = [b for b in all_benchmarks() if wanted is None or b.id in wanted]
    if wanted and (unknown := wanted - {b.id for b in chosen}):
        print(f"unknown benchmark id(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    machine_at_start = machine()
    ctx = Context(quick=args.quick, cache_dir=args.cache_dir, seed=args.seed)
    entries: list[dict] = []
    crashed = False
    started = time.perf_counter()
    try:
        for bench in chosen:
            if bench.fn is None:
                entries.append(
                    {
                        "id": bench.id,
                        "status": "not yet",
                        "what": bench.what,
                        "budget_text": bench.budget,
                        "reason": bench.not_yet,
                    }
                )
                continue
            print(f"… {bench.id}: {bench.what}", file=sys.stderr, flush=True)
            t0 = time.perf_counter()
            try:
                figures = bench.fn(ctx)
            except Exception as exc:
                crashed = True
                traceback.print_exc()
                entries.append(
                    {
                        "id": bench.id,
                        "status": "crashed",
                        "what": bench.what,
                        "budget_text": bench.budget,
                        "error": f"{type(exc).__name__}: {exc}",
                    }
                )
                continue
            for figure in figures:
                entries.append({**figure.to_json(), "budget_text": bench.budget})
            print(f"  {bench.id} took {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    finally:
        ctx.close()
    result = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "mode": "quick" if args.quick else "full",
        "seconds": round(time.perf_counter() - started, 1),
        "seed": args.seed,
        "machine": machine_at_start,
        "load_average_at_end": machine()["load_average_1_5_15_min"],
        "figures": entries,
    }
    target = args.json or OUT / f"results-{result['mode']}.json"
    write_json(target, result)
    print(render_table(result))
    print(f"JSON: {target}")
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
