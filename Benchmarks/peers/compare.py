#!/usr/bin/env python3
"""Runs LiveSim (the whole process: start-up, parsing, output) and the SimPy
peer on the reference viewer model alternately, 5 times each, and prints both
median event rates, their ratio, and both models' KPIs against theory.

    Benchmarks/peers/compare.py path/to/livesim path/to/venv-python
"""
import json, math, os, statistics, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
livesim, python = sys.argv[1], sys.argv[2]
scenario = os.path.join(root, "Scenarios", "reference-viewers.yaml")
peer = os.path.join(root, "Benchmarks", "peers", "simpy_viewers.py")
R, S, T = 100.0, 120.0, 3 * 3600.0
exposure = S * T - S * S * (1 - math.exp(-T / S))
theory = {"averageConcurrent": R * S * (1 - (S / T) * (1 - math.exp(-T / S))), "views": R * T,
          "interactions": R * exposure / 60, "productClicks": R * exposure / 300, "orders": 0.1 * R / 300 * exposure}

ours, theirs, our_kpis, their_kpis = [], [], None, None
for i in range(5):
    out = tempfile.mkdtemp() + "/run"
    start = time.perf_counter()
    subprocess.run([livesim, "run", scenario, "--seed", str(i + 1), "--jobs", "1", "--out", out], check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    kpis = {k: v["mean"] for k, v in json.load(open(out + "/summary.json"))["kpis"].items()}
    events = 2 * kpis["views"] + kpis["interactions"] + kpis["productClicks"]
    ours.append(events / wall); our_kpis = kpis
    r = json.loads(subprocess.run([python, peer, "--seed", str(i + 1)], check=True, capture_output=True, text=True).stdout)
    theirs.append(r["events"] / r["seconds"]); their_kpis = r

a, b = statistics.median(ours), statistics.median(theirs)
print(f"LiveSim  median {a:,.0f} events/s (whole process, 5 runs)")
print(f"SimPy    median {b:,.0f} events/s (simulation loop, 5 runs)")
print(f"ratio    {a / b:.1f}x")
print(f"{'KPI':18s} {'theory':>14s} {'LiveSim':>14s} {'SimPy':>14s}")
for k, v in theory.items():
    print(f"{k:18s} {v:14,.1f} {our_kpis[k]:14,.1f} {their_kpis[k]:14,.1f}")
