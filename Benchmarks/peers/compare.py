#!/usr/bin/env python3
"""LiveSim against the SimPy peer on the reference viewer model, and
instructions per event under callgrind.

    Benchmarks/peers/compare.py path/to/livesim path/to/venv-python [--runs 9] [--profile path/to/Profile]

Runs LiveSim (the whole process: start-up, parsing, output) and the SimPy
peer alternately, `--runs` times each (at least 9), the order swapped every
pair so that a drift of the machine's speed falls on both alike. Prints both
median event rates, the median of the pairwise ratios with their spread
(quartiles and extremes: this virtual machine's speed swings by a third between
invocations), and both models' KPIs against theory.

With `--profile` (the benchmark package's Profile executable), also counts
instructions with callgrind for one replication of the reference model and
of the baseline, in-process (scenario load and model set-up included), per
engine event (every event popped: arrivals, candidates kept or thinned away,
re-entries, invitees, ticks) and per model event (arrivals + leaves +
interactions + clicks, the count both peers' rates use). Instruction counts
are repeatable where wall times are not: a change is judged by both.
"""
import argparse, json, math, os, re, shutil, statistics, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
parser = argparse.ArgumentParser()
parser.add_argument("livesim")
parser.add_argument("python")
parser.add_argument("--runs", type=int, default=9)
parser.add_argument("--profile")
args = parser.parse_args()
if args.runs < 9:
    sys.exit("compare.py: --runs must be at least 9 (the median of fewer pairs is too noisy here)")

scenario = os.path.join(root, "Scenarios", "reference-viewers.yaml")
peer = os.path.join(root, "Benchmarks", "peers", "simpy_viewers.py")
R, S, T = 100.0, 120.0, 3 * 3600.0
exposure = S * T - S * S * (1 - math.exp(-T / S))
theory = {"averageConcurrent": R * S * (1 - (S / T) * (1 - math.exp(-T / S))), "views": R * T,
          "interactions": R * exposure / 60, "productClicks": R * exposure / 300, "orders": 0.1 * R / 300 * exposure}


def ours(seed):
    out = tempfile.mkdtemp() + "/run"
    start = time.perf_counter()
    subprocess.run([args.livesim, "run", scenario, "--seed", str(seed), "--jobs", "1", "--out", out], check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    kpis = {k: v["mean"] for k, v in json.load(open(out + "/summary.json"))["kpis"].items()}
    shutil.rmtree(os.path.dirname(out), ignore_errors=True)
    return (2 * kpis["views"] + kpis["interactions"] + kpis["productClicks"]) / wall, kpis


def theirs(seed):
    r = json.loads(subprocess.run([args.python, peer, "--seed", str(seed)], check=True, capture_output=True, text=True).stdout)
    return r["events"] / r["seconds"], r


our_rates, their_rates, our_kpis, their_kpis = [], [], None, None
for i in range(args.runs):
    first, second = (ours, theirs) if i % 2 == 0 else (theirs, ours)
    a = first(i + 1)
    b = second(i + 1)
    (o, our_kpis), (t, their_kpis) = (a, b) if first is ours else (b, a)
    our_rates.append(o)
    their_rates.append(t)
    print(f"  pair {i + 1}: LiveSim {o:,.0f} events/s, SimPy {t:,.0f} events/s, ratio {o / t:.1f}x", flush=True)

ratios = sorted(o / t for o, t in zip(our_rates, their_rates))
q = statistics.quantiles(ratios, n=4)
print(f"LiveSim  median {statistics.median(our_rates):,.0f} events/s (whole process, {args.runs} runs)")
print(f"SimPy    median {statistics.median(their_rates):,.0f} events/s (simulation loop, {args.runs} runs)")
print(f"ratio    median {statistics.median(ratios):.1f}x of {args.runs} interleaved pairs "
      f"(quartiles {q[0]:.1f}–{q[2]:.1f}x, extremes {ratios[0]:.1f}–{ratios[-1]:.1f}x)")
print(f"{'KPI':18s} {'theory':>14s} {'LiveSim':>14s} {'SimPy':>14s}")
for k, v in theory.items():
    print(f"{k:18s} {v:14,.1f} {our_kpis[k]:14,.1f} {their_kpis[k]:14,.1f}")

if args.profile:
    if not shutil.which("valgrind"):
        sys.exit("compare.py: --profile needs valgrind (apt-get install valgrind)")
    print(f"{'callgrind, one replication':28s} {'instructions':>14s} {'engine events':>14s} {'per event':>10s} {'model events':>13s} {'per event':>10s} {'load + build':>13s}")
    for name in ("reference-viewers.yaml", "baseline.yaml"):
        out = tempfile.mktemp(prefix="callgrind.")
        run = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", args.profile,
                              os.path.join(root, "Scenarios", name)], check=True, capture_output=True, text=True)
        counts = json.loads(run.stdout.strip().splitlines()[-1])
        total = next(int(m.group(1)) for m in re.finditer(r"^(?:summary|totals): (\d+)", open(out).read(), re.M))
        os.remove(out)
        timed = json.loads(subprocess.run([args.profile, os.path.join(root, "Scenarios", name), "--repeat", "5", "--reload"],
                                          check=True, capture_output=True, text=True).stdout)
        setup = timed["loadSeconds"] + timed["buildSeconds"]
        print(f"{name:28s} {total:14,d} {counts['engineEvents']:14,d} {total / counts['engineEvents']:10,.0f} "
              f"{counts['modelEvents']:13,d} {total / counts['modelEvents']:10,.0f} "
              f"{setup * 1000:8.1f} ms of {(setup + timed['runSeconds']) * 1000:.0f} ms "
              f"(load {timed['loadSeconds'] * 1000:.1f}, build {timed['buildSeconds'] * 1000:.1f}; "
              f"a candidate's reload from the parsed file {timed['reloadSeconds'] * 1000:.1f})")
