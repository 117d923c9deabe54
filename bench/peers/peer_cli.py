"""What the peer benchmarks share: flags, exit codes, the book's loop, the report.

Uses only the standard library, so a script can parse its flags and name a
missing package before it imports NumPy or PyTorch.

Exit codes: 0 done, 2 bad flags (argparse), 3 a Python package is missing,
4 the MNIST directory is missing or a file in it is invalid.
"""

import argparse
import json
import math
import os
import platform
import statistics
import sys
import time

EXIT_MISSING_PACKAGE = 3
EXIT_BAD_DATA = 4

INSTALL_HINT = {
    "numpy": "python3 -m pip install numpy",
    "torch": "python3 -m pip install torch --index-url https://download.pytorch.org/whl/cpu"
    " (CPU-only wheel; plain `python3 -m pip install torch` from PyPI also works)",
}


def fail(code, message):
    """Prints a one-line error on stderr and exits with `code`."""
    print(f"error: {message}", file=sys.stderr)
    sys.exit(code)


def require(module):
    """Imports `module` or exits 3 with the command that installs it."""
    try:
        return __import__(module)
    except ImportError:
        fail(
            EXIT_MISSING_PACKAGE,
            f"{module} is not installed for {sys.executable}; install it with: "
            f"{INSTALL_HINT[module]}, or all peers' packages with: "
            "python3 -m pip install -r bench/peers/requirements.txt",
        )


def positive(kind):
    """An argparse type: a `kind` (int or float) greater than zero."""

    def parse(text):
        value = kind(text)
        if not value > 0:
            raise argparse.ArgumentTypeError(f"must be greater than 0, got {text}")
        return value

    return parse


def positive_list(text):
    """An argparse type: comma-separated integers greater than zero, `50,100`."""
    try:
        values = [int(word) for word in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected integers separated by commas, got {text}") from None
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError(f"expected integers greater than 0, got {text}")
    return values


def parse_args(description, numerical_mode=False, scaling_mode=False):
    """Parses the flags every peer takes (and `--numerical-gradient-call`
    or `--scaling` with its grid)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--hidden", type=positive(int), default=50, help="hidden units (default 50)")
    parser.add_argument("--lr", type=positive(float), default=0.1, help="SGD learning rate (default 0.1)")
    parser.add_argument("--batch-size", type=positive(int), default=100, help="mini-batch size (default 100)")
    parser.add_argument("--iters", type=positive(int), default=10000, help="SGD steps (default 10000)")
    parser.add_argument("--activation", choices=["sigmoid", "relu"], default="sigmoid")
    parser.add_argument("--seed", type=int, default=42, help="seed of the weights and batches (default 42)")
    parser.add_argument(
        "--data-dir",
        default=os.environ.get("MNIST_DIR"),
        help="folder of the four MNIST IDX files, raw or .gz (default: $MNIST_DIR)",
    )
    parser.add_argument("--repeat", type=positive(int), default=1, help="runs to time; reports the median")
    parser.add_argument("--threads", type=positive(int), help="compute threads (default: all cores)")
    parser.add_argument("--json", action="store_true", help="print a JSON object as the last line")
    if numerical_mode:
        parser.add_argument(
            "--numerical-gradient-call",
            action="store_true",
            help="time one call of the numerical gradient on one batch instead of training",
        )
    if scaling_mode:
        parser.add_argument(
            "--scaling",
            action="store_true",
            help="time one step per (hidden, batch) cell and one evaluation pass per hidden size "
            "instead of training",
        )
        parser.add_argument("--hidden-sizes", type=positive_list, default=[50, 100, 200, 400, 800])
        parser.add_argument("--batch-sizes", type=positive_list, default=[100, 1000])
        parser.add_argument(
            "--thread-counts", type=positive_list, default=[1, 2], help="each cell at each; the fastest counts"
        )
        parser.add_argument(
            "--min-time", type=positive(float), default=0.3, help="seconds each timing lasts at least"
        )
    args = parser.parse_args()
    if args.data_dir is None:
        parser.error("no MNIST folder: pass --data-dir DIR or set MNIST_DIR")
    return args


def load_mnist(directory):
    """Reads the four IDX files (needs NumPy); exits 4 naming a bad file."""
    import mnist_npy

    try:
        return mnist_npy.load(directory)
    except mnist_npy.MnistError as error:
        fail(EXIT_BAD_DATA, f"MNIST: {error}")


def train(args, train_size, step, evaluate):
    """The book's loop; returns the timings and the last accuracies of one run.

    `step()` draws a batch, computes the gradient, updates and records the
    loss; `evaluate()` returns (train accuracy, test accuracy). As the book:
    after step i, evaluate when i % iter_per_epoch == 0, with
    iter_per_epoch = max(train_size / batch_size, 1) as a float (17 times
    for 10,000 steps of 100 out of 60,000, i = 0 included).
    """
    iter_per_epoch = max(train_size / args.batch_size, 1)
    steps_s = eval_s = 0.0
    evaluations = 0
    train_acc = test_acc = None
    for i in range(args.iters):
        start = time.perf_counter()
        step()
        steps_s += time.perf_counter() - start
        if i % iter_per_epoch == 0:
            start = time.perf_counter()
            train_acc, test_acc = evaluate()
            eval_s += time.perf_counter() - start
            evaluations += 1
            print(f"train acc, test acc | {train_acc:.4f}, {test_acc:.4f}", flush=True)
    return {
        "steps_s": steps_s,
        "eval_s": eval_s,
        "total_s": steps_s + eval_s,
        "samples_per_s": args.iters * args.batch_size / steps_s,
        "evaluations": evaluations,
        "train_acc": train_acc,
        "test_acc": test_acc,
    }


def time_per_call(run, min_time):
    """Median seconds per call of `run(n)`, which makes `n` calls, as the Rust
    bench times its scaling cells: one warm-up call (the measurement itself
    if it lasts `min_time` or more), then chunks of about a tenth of
    `min_time` until `min_time` has passed, at least 3 chunks and at most 40."""
    start = time.perf_counter()
    run(1)
    warm_up = time.perf_counter() - start
    if warm_up >= min_time:
        return warm_up
    per_chunk = max(1, min(10**6, math.ceil(min_time / 10 / max(warm_up, 1e-9))))
    per_call, total = [], 0.0
    while len(per_call) < 3 or (total < min_time and len(per_call) < 40):
        start = time.perf_counter()
        run(per_chunk)
        chunk = time.perf_counter() - start
        total += chunk
        per_call.append(chunk / per_chunk)
    return statistics.median(per_call)


def fastest(cell, seconds):
    """`cell` with the seconds per call at each thread count and the fastest:
    `seconds` maps a thread count to its time."""
    best = min(seconds, key=seconds.get)
    return dict(cell, seconds={str(threads): s for threads, s in seconds.items()}, best_s=seconds[best], best_threads=best)


def training_rows(record, args, sizes, versions, threads):
    """The summary rows of a training run; `record` holds the median figures.

    `sizes` is (train_size, test_size); `versions` and `threads` are the
    texts of those rows.
    """
    train_size, test_size = sizes
    return [
        ("network", f"784-{args.hidden}-10 {args.activation}, batch {args.batch_size}, "
                    f"lr {args.lr}, {args.iters:,} iterations, seed {args.seed}"),
        ("load", f"{record['load_s']:.2f} s (read, check and scale {train_size + test_size:,} images)"),
        ("steps", f"{record['steps_s']:.2f} s ({record['samples_per_s']:,.0f} samples/s)"),
        ("evaluations", f"{record['eval_s']:.2f} s ({record['evaluations']:.0f} x {train_size + test_size:,} images)"),
        ("total", f"{record['total_s']:.2f} s (steps + evaluations)"),
        ("accuracy", f"train {record['train_acc']:.4f}, test {record['test_acc']:.4f} (last evaluation)"),
        ("versions", versions),
        ("threads", threads),
    ]


def median_of(runs):
    """One record whose every field is the median of that field over `runs`."""
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def head(peer, versions, threads, load_s, args):
    """The first fields of the JSON record: who ran, with what, on what."""
    record = {"peer": peer, "python": platform.python_version()}
    record.update(versions)
    record.update(threads=threads, load_s=load_s)
    record.update(
        hidden=args.hidden,
        lr=args.lr,
        batch_size=args.batch_size,
        iters=args.iters,
        activation=args.activation,
        seed=args.seed,
        repeat=args.repeat,
    )
    return record


def report(record, runs, total_key, summary_lines, json_line):
    """Prints the summary rows and, with `json_line`, the JSON record last.

    `record` is `head(...)` plus the median figures; `runs` holds one dict of
    figures per repeat, and `total_key` names the one listed under "runs".
    """
    print()
    totals = [run[total_key] for run in runs]
    if len(runs) > 1:
        listed = ", ".join(f"{total:.2f}" for total in totals)
        summary_lines = [("repeats", f"{len(runs)}, {total_key} {listed} s; median below")] + summary_lines
    width = max(len(label) for label, _ in summary_lines)
    for label, text in summary_lines:
        print(f"{label:<{width}}  {text}")
    if json_line:
        if len(runs) > 1:
            record = dict(record, runs=totals)
        print(json.dumps(record), flush=True)
