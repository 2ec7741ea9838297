#!/usr/bin/env python3
"""The reference viewer model (Scenarios/reference-viewers.yaml) written
idiomatically in SimPy: one process per viewer with timeouts.

Search arrivals at R per second for T seconds; each viewer stays an
exponential time of mean 120 s; while present it interacts at 1/60 s and
clicks the featured product at 1/300 s; a click becomes an order with
probability 0.1. Events counted as LiveSim counts them: arrivals + leaves +
interactions + clicks. Prints one JSON line with the event count, the wall
time and the KPIs.

    python simpy_viewers.py [--rate 100] [--hours 3] [--seed 1]
"""
import argparse, json, random, time

import simpy


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--rate", type=float, default=100.0)
    p.add_argument("--hours", type=float, default=3.0)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    horizon = a.hours * 3600
    rng = random.Random(a.seed)
    env = simpy.Environment()
    k = {"arrivals": 0, "leaves": 0, "interactions": 0, "clicks": 0, "orders": 0, "present": 0, "area": 0.0, "last": 0.0}

    def level(delta):
        k["area"] += k["present"] * (env.now - k["last"])
        k["last"] = env.now
        k["present"] += delta

    def viewer(env):
        k["arrivals"] += 1
        level(+1)
        leave_at = env.now + rng.expovariate(1 / 120)
        # Competing exponential clocks: the next interaction or click, or leaving.
        while True:
            wait = rng.expovariate(1 / 60 + 1 / 300)
            if env.now + wait >= leave_at:
                break
            yield env.timeout(wait)
            if rng.random() < (1 / 60) / (1 / 60 + 1 / 300):
                k["interactions"] += 1
            else:
                k["clicks"] += 1
                if rng.random() < 0.1:
                    k["orders"] += 1
        if leave_at < horizon:
            yield env.timeout(leave_at - env.now)
            k["leaves"] += 1
            level(-1)

    def arrivals(env):
        while True:
            yield env.timeout(rng.expovariate(a.rate))
            env.process(viewer(env))

    env.process(arrivals(env))
    start = time.perf_counter()
    env.run(until=horizon)
    wall = time.perf_counter() - start
    k["leaves"] += k["present"]          # stays cut at the end count as leaves, as in LiveSim
    level(0)
    k["area"] += k["present"] * (horizon - k["last"])
    events = k["arrivals"] + k["leaves"] + k["interactions"] + k["clicks"]
    print(json.dumps({"events": events, "seconds": wall, "averageConcurrent": k["area"] / horizon,
                      "views": k["arrivals"], "interactions": k["interactions"], "productClicks": k["clicks"],
                      "orders": k["orders"]}))


if __name__ == "__main__":
    main()
