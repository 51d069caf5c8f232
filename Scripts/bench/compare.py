"""Summarize compare.sh's raw lines: medians per (workload, peer, threads), nnv/peer ratios
computed pair by pair (each peer run next to the nnv run that followed it), the goals, the
correctness of nnv's results and W3's peak memory.
usage: python compare.py compare-raw.txt [compare-memory.txt] [compare-meta.txt]"""
import statistics as st
import sys
from collections import defaultdict

# Reference values of the peers (numpy_peer.py and torch_peer.py agree to 6 decimals).
REFERENCE_LOSS = {"xor-tiny": 0.001027, "spiral-small": 0.017652, "mnist-mlp": 1.958165,
                  "cnn-small": 2.258989, "rnn-char": 1.410712, "lstm-char": 0.888526}
REFERENCE_CHECKSUM = 21102.5

# Goals: minimum speedup (peer seconds / nnv seconds), or for sgemm minimum nnv/peer GFLOP/s.
GOALS = {
    ("xor-tiny", "torch"): 10, ("xor-tiny", "numpy"): 3,
    ("spiral-small", "torch"): 10, ("spiral-small", "numpy"): 3,
    ("mnist-mlp", "torch"): 1,
    ("cnn-small", "torch"): 1,
    ("rnn-char", "torch"): 3,
    ("lstm-char", "torch"): 2,
    ("saliency", "torch"): 3,
    **{(f"sgemm-{n}", "numpy"): 0.8 for n in (128, 256, 512, 1024)},
}
ORDER = ["xor-tiny", "spiral-small", "mnist-mlp", "cnn-small", "rnn-char", "lstm-char", "saliency",
         "sgemm-128", "sgemm-256", "sgemm-512", "sgemm-1024"]


def parse(path):
    rows = []
    for line in open(path):
        if line.startswith("workload="):
            rows.append(dict(kv.split("=", 1) for kv in line.split()))
    return rows


def fmt_ratio(values):
    return f"{st.median(values):.2f}x [{min(values):.2f}-{max(values):.2f}]"


def main(raw, memory=None, meta=None):
    rows = parse(raw)
    if meta:
        print("Run: " + "; ".join(open(meta).read().split()) + "\n")
    nnv = {(r["workload"], r["pair"]): r for r in rows if r["peer"] == "nnv"}
    # pairs[(workload, peer, threads)] = [(peer row, nnv row), ...]
    pairs = defaultdict(list)
    for r in rows:
        if r["peer"] != "nnv" and (r["workload"], r["pair"]) in nnv:
            pairs[(r["workload"], r["peer"], int(r["threads"]))].append((r, nnv[(r["workload"], r["pair"])]))
    keys = sorted(pairs, key=lambda k: (k[2], ORDER.index(k[0]) if k[0] in ORDER else 99, k[1]))
    verdicts = []

    for t in sorted({k[2] for k in keys}):
        train = [k for k in keys if k[2] == t and not k[0].startswith("sgemm")]
        if train:
            n = max(len(pairs[k]) for k in train)
            print(f"### {t} thread(s): median wall seconds, speedup = peer s / nnv s per pair "
                  f"(median [min-max] of {n} pairs)\n")
            print("| workload | peer | peer s | nnv s | speedup | goal |")
            print("|---|---|---|---|---|---|")
            for k in train:
                w, p, _ = k
                ps = [float(a["seconds"]) for a, _ in pairs[k]]
                ns = [float(b["seconds"]) for _, b in pairs[k]]
                ratios = [a / b for a, b in zip(ps, ns)]
                goal = GOALS.get((w, p))
                verdict = ""
                if goal:
                    ok = st.median(ratios) >= goal
                    verdict = f"≥{goal}x: {'met' if ok else 'MISSED'}"
                    verdicts.append((f"{w} vs {p}, {t}T", goal, st.median(ratios), ok))
                print(f"| {w} | {p} | {st.median(ps):.4f} | {st.median(ns):.4f} | "
                      f"{fmt_ratio(ratios)} | {verdict} |")
            print()
        gemm = [k for k in keys if k[2] == t and k[0].startswith("sgemm")]
        if gemm:
            n = max(len(pairs[k]) for k in gemm)
            print(f"### sgemm, {t} thread(s): median GFLOP/s, ratio = nnv / peer per pair "
                  f"(median [min-max] of {n} pairs)\n")
            print("| n | peer | peer GFLOP/s | nnv GFLOP/s | nnv/peer | goal |")
            print("|---|---|---|---|---|---|")
            for k in gemm:
                w, p, _ = k
                pg = [float(a["gflops"]) for a, _ in pairs[k]]
                ng = [float(b["gflops"]) for _, b in pairs[k]]
                ratios = [b / a for a, b in zip(pg, ng)]
                goal = GOALS.get((w, p))
                verdict = ""
                if goal:
                    ok = st.median(ratios) >= goal
                    verdict = f"≥{goal:.0%}: {'met' if ok else 'MISSED'}"
                    verdicts.append((f"{w} vs {p}, {t}T", goal, st.median(ratios), ok))
                print(f"| {w[6:]} | {p} | {st.median(pg):.1f} | {st.median(ng):.1f} | "
                      f"{fmt_ratio(ratios)} | {verdict} |")
            print()

    # ---- correctness of nnv's results -------------------------------------------------------
    print("### nnv correctness (every nnv run; exact deltas are on nnv-bench's stderr)\n")
    print("| workload | threads | runs | nnv result | reference | max abs delta (printed digits) | accuracy | failed runs |")
    print("|---|---|---|---|---|---|---|---|")
    seen = defaultdict(list)
    for r in nnv.values():
        seen[(r["workload"], int(r["threads"]))].append(r)
    for (w, t), rs in sorted(seen.items(), key=lambda kv: (kv[0][1], ORDER.index(kv[0][0]) if kv[0][0] in ORDER else 99)):
        failed = sum(r.get("rc", "0") != "0" for r in rs)
        if w in REFERENCE_LOSS:
            losses = [float(r["final_loss"]) for r in rs]
            delta = max(abs(x - REFERENCE_LOSS[w]) for x in losses)
            acc = st.median(float(r["accuracy"]) for r in rs)
            print(f"| {w} | {t} | {len(rs)} | loss {st.median(losses):.6f} | {REFERENCE_LOSS[w]:.6f} | "
                  f"{delta:.2e} | {acc:.4f} | {failed} |")
        elif w == "saliency":
            sums = [float(r["checksum"]) for r in rs]
            delta = max(abs(x - REFERENCE_CHECKSUM) for x in sums)
            print(f"| {w} | {t} | {len(rs)} | checksum {sums[0]:g} | {REFERENCE_CHECKSUM:g} | "
                  f"{delta:.2e} | - | {failed} |")
        else:
            print(f"| {w} | {t} | {len(rs)} | - | - | - | - | {failed} |")
    print()

    # ---- memory -------------------------------------------------------------------------------
    if memory:
        lines = [l.split() for l in open(memory) if l.startswith("memory")]
        peaks = {}
        sizes = {}
        for f in lines:
            kv = dict(x.split("=", 1) for x in f[1:] if "=" in x)
            if "max_rss_bytes" in kv:
                peaks[kv["peer"]] = int(kv["max_rss_bytes"])
            elif "data_bytes" in kv:
                sizes = {k: int(v) for k, v in kv.items()}
        if sizes:
            limit = 2 * sizes["sum"]
            peak = peaks.get("nnv") or sizes.get("peak_rss_after_evaluation", 0)
            ok = 0 < peak < limit
            verdicts.append(("mnist-mlp peak RSS < 2x(data+params)", limit / 2**20, peak / 2**20, ok))
            print("### mnist-mlp peak memory (1 thread)\n")
            print(f"- data {sizes['data_bytes'] / 2**20:.1f} MiB + parameters "
                  f"{sizes['parameter_bytes'] / 2**20:.2f} MiB = {sizes['sum'] / 2**20:.1f} MiB; "
                  f"goal: peak RSS < {limit / 2**20:.1f} MiB")
            print(f"- nnv peak RSS {peak / 2**20:.1f} MiB ({peak / sizes['sum']:.2f}x data+params): "
                  f"{'met' if ok else 'MISSED'}; nnv's own view: before data "
                  f"{sizes['baseline_peak_rss'] / 2**20:.1f} MiB, after training "
                  f"{sizes['peak_rss_after_training'] / 2**20:.1f} MiB, after evaluation "
                  f"{sizes['peak_rss_after_evaluation'] / 2**20:.1f} MiB")
            for p in ("numpy", "torch"):
                if p in peaks:
                    print(f"- {p} peak RSS {peaks[p] / 2**20:.1f} MiB")
            print()

    if verdicts:
        met = sum(v[3] for v in verdicts)
        print(f"### Goals: {met} of {len(verdicts)} met\n")
        for name, goal, got, ok in verdicts:
            print(f"- {'met   ' if ok else 'MISSED'} {name}: goal {goal:g}, got {got:.2f}")


if __name__ == "__main__":
    main(*sys.argv[1:])
