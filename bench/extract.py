#!/usr/bin/env python3
"""Extraction like for like: `plainly extract` vs `pdftotext` and `pandoc -t plain`.

Every tool only reads the file and prints its text: plainly's readers (no lexicons, rules
or scoring), poppler's pdftotext (with and without -layout) and pandoc. Corpus PDFs and
DOCX from ../shared/corpus; per file (one process each, best of --repeat runs) and in one
batch (plainly: one process for all the files; the peers take one file per process, so
their batch is a loop). Python standard library only.

    python3 bench/extract.py [--plainly PATH] [--repeat 3]

Prints Markdown tables (the ones in BENCHMARKS.md) and writes bench/out/extract.json.
Ratios are plainly's time over the peer's: below 1, plainly is faster.
"""
import argparse, json, os, platform, shutil, statistics, subprocess, sys, time
from pathlib import Path

from common import machine

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
OUT = ROOT / "bench" / "out"
LIMIT = 60


def timed(cmd):
    """Wall time and success of one process; output thrown away; killed after LIMIT s."""
    t = time.perf_counter()
    try:
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=LIMIT)
        ok = p.returncode == 0
    except subprocess.TimeoutExpired:
        return LIMIT, None
    return time.perf_counter() - t, ok


def best(cmd, repeat):
    runs = []
    for _ in range(repeat):
        t, ok = timed(cmd)
        if ok is None:
            return LIMIT, None  # killed once is enough
        runs.append((t, ok))
    return min(t for t, _ in runs), all(ok for _, ok in runs)




def cell(t, ok):
    if ok is None:
        return f"killed after {LIMIT} s"
    return f"{t:.3f}" + ("" if ok else " refused")


def ratio(a, b):
    return f"{a / b:.2f}" if a and b else "—"


def bench(plainly, repeat=3, report=None):
    """Run the comparison; append Markdown to `report` (a list of lines) and return rows."""
    report = [] if report is None else report
    if not CORPUS.is_dir():
        report.append(f"Extraction skipped: {CORPUS} is absent.\n")
        return {}
    pdfs = sorted(CORPUS.glob("letters-*/*.pdf")) + sorted(CORPUS.glob("readers-stress/*.pdf"))
    docxs = sorted(CORPUS.glob("letters-*/*.docx")) + sorted(CORPUS.glob("readers-stress/*.docx"))
    kinds = [
        ("PDF", pdfs, [("pdftotext -layout", lambda f: ["pdftotext", "-layout", str(f), "-"]),
                       ("pdftotext", lambda f: ["pdftotext", str(f), "-"])]),
        ("DOCX", docxs, [("pandoc -t plain", lambda f: ["pandoc", str(f), "-t", "plain"])]),
    ]
    # Start-up alone: an empty text file.
    empty = OUT / "empty.txt"
    empty.write_text("")
    startup, _ = best([plainly, "extract", str(empty)], repeat)
    results = {"startup_s": startup}
    report.append("## Extraction, like for like: `plainly extract` vs pdftotext and pandoc\n")
    report.append(f"Each tool only reads the file and prints its text (output to /dev/null), best of {repeat} "
                  f"runs, one process per file. plainly's start-up alone (an empty file): {startup * 1000:.0f} ms. "
                  "`refused` = the tool exited with an error (encrypted, damaged, scanned).\n")
    for kind, files, peers in kinds:
        missing = [name for name, cmd in peers if not shutil.which(cmd(Path("x"))[0])]
        peers = [(n, c) for n, c in peers if n not in missing]
        rows = []
        for f in files:
            p = best([plainly, "extract", str(f)], repeat)
            q = [best(cmd(f), repeat) for _, cmd in peers]
            rows.append((f.parent.name + "/" + f.name, p, q))
        head = "| file | plainly extract (s) | " + " | ".join(f"{n} (s) | ratio" for n, _ in peers) + " |"
        report.append(f"### {kind}: {len(files)} corpus files\n")
        if missing:
            report.append(f"Missing peers (not run): {', '.join(missing)}.\n")
        report.append(head)
        report.append("|" + "---|" * (2 + 2 * len(peers)))
        for name, (pt, pok), q in rows:
            cells = []
            for qt, qok in q:
                cells += [cell(qt, qok), ratio(pt, qt) if pok and qok else "—"]
            report.append(f"| {name} | {cell(pt, pok)} | " + " | ".join(cells) + " |")
        summary = {}
        for i, (peer, cmd) in enumerate(peers):
            both = [(r[0], r[1][0], r[2][i][0]) for r in rows if r[1][1] and r[2][i][1]]
            if not both:
                continue
            med = statistics.median(a / b for _, a, b in both)
            # One batch: the files every tool read. plainly takes them all in one process;
            # the peer takes one per process (that is how it is used on a folder).
            names = [CORPUS / n for n, _, _ in both]
            t_batch, ok_batch = best([plainly, "extract", *map(str, names)], repeat)
            loop_peer = sum(b for _, _, b in both)
            loop_plainly = sum(a for _, a, _ in both)
            summary[peer] = {"files": len(both), "median_ratio": med, "plainly_one_process_s": t_batch,
                             "plainly_per_file_s": loop_plainly, "peer_per_file_s": loop_peer}
            report.append(f"\n{peer}: median ratio per file over the {len(both)} files both read: **{med:.2f}**. "
                          f"Batch of those {len(both)} files: plainly {t_batch:.3f} s in one process "
                          f"({loop_plainly:.3f} s one process per file), {peer} {loop_peer:.3f} s one process per file: "
                          f"ratio **{ratio(t_batch, loop_peer)}** (one process) / {ratio(loop_plainly, loop_peer)} (per file).")
        report.append("")
        results[kind] = {"rows": rows, "summary": summary}
    return results


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--plainly")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    plainly = a.plainly
    if plainly is None:
        subprocess.run(["cargo", "build", "--release", "-q", "-p", "plainly-cli"], cwd=ROOT, check=True)
        target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
        plainly = str(target / "release" / "plainly")
    OUT.mkdir(parents=True, exist_ok=True)
    version = subprocess.run([plainly, "--version"], capture_output=True, text=True).stdout.strip()
    peers = []
    for cmd in (["pdftotext", "-v"], ["pandoc", "--version"]):
        if shutil.which(cmd[0]):
            p = subprocess.run(cmd, capture_output=True, text=True)
            peers.append((p.stdout + p.stderr).strip().splitlines()[0])
    report = [f"Machine: {machine()}, load average at start {os.getloadavg()[0]:.1f}. {version}. "
              f"Peers: {'; '.join(peers) or 'none found'}.\n"]
    results = bench(plainly, a.repeat, report)
    (OUT / "extract.json").write_text(json.dumps(results, indent=2, default=str))
    print("\n".join(report))


if __name__ == "__main__":
    main()
