#!/usr/bin/env python3
"""Side-by-side benchmarks of plainly against the tools its users have today.

Runnable by anyone with public tools: installs the peers itself (PyPI: textstat,
proselint; npm: write-good, retext, harper.js; Debian: poppler-utils, pandoc) into
~/.cache/plainly-bench, and reports a missing peer instead of faking it.

    python3 bench/run.py [--plainly PATH] [--quick]

Prints a Markdown report (the one in BENCHMARKS.md) and writes bench/out/results.json.
Every figure is one run on the same inputs; ratios are plainly's time over the peer's
(below 1: plainly is faster).
"""
import argparse, json, os, platform, resource, shutil, subprocess, sys, tempfile, threading, time
from pathlib import Path

from common import machine

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("PLAINLY_BENCH_CACHE", Path.home() / ".cache/plainly-bench"))
CORPUS = ROOT.parent / "shared" / "corpus"
OUT = ROOT / "bench" / "out"


def sh(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def timed(cmd, keep_output=True, limit=300, **kw):
    """Wall time, peak RSS (KiB) of that one child, and its result. Output a benchmark does
    not read goes to /dev/null (pdftotext writes gigabytes for bomb_giant.pdf); a child still
    running after `limit` seconds is killed and reported with return code -9."""
    print("  running:", " ".join(str(c) for c in cmd)[:160], file=sys.stderr, flush=True)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out if keep_output else subprocess.DEVNULL, stderr=err, **kw)
        timer = threading.Timer(limit, p.kill)
        timer.start()
        _, status, ru = os.wait4(p.pid, 0)
        timer.cancel()
        dt = time.perf_counter() - t
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        res = subprocess.CompletedProcess(cmd, p.returncode, out.read(50_000_000).decode(errors="replace"),
                                          err.read(1_000_000).decode(errors="replace"))
    return dt, ru.ru_maxrss, res


def plainly_ok(p):
    """plainly exits 0 (clean) or 1 (findings); 2 means it could not do the job."""
    return p.returncode in (0, 1)




# --- peers --------------------------------------------------------------------------

def have_module(py, name):
    return py is not None and sh([str(py), "-c", f"import {name}"]).returncode == 0


def python_env():
    venv = CACHE / "venv"
    py = venv / "bin" / "python"
    if not py.exists():
        sh([sys.executable, "-m", "venv", str(venv)])
    if py.exists() and not (have_module(py, "textstat") and have_module(py, "proselint")):
        sh([str(py), "-m", "pip", "install", "-q", "textstat==0.7.13", "proselint"])
    return py if py.exists() else None


def debian_tools():
    """pdftotext (poppler-utils) and pandoc: installed with apt-get when we are root."""
    missing = [pkg for tool, pkg in [("pdftotext", "poppler-utils"), ("pandoc", "pandoc")] if not shutil.which(tool)]
    if missing and shutil.which("apt-get") and os.geteuid() == 0:
        sh(["apt-get", "update", "-q"])
        sh(["apt-get", "install", "-y", "-q", *missing], env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    return {tool: shutil.which(tool) is not None for tool in ["pdftotext", "pandoc"]}


def node_env():
    if not shutil.which("npm"):
        return None
    d = CACHE / "node"
    d.mkdir(parents=True, exist_ok=True)
    if not (d / "node_modules" / "write-good").exists():
        (d / "package.json").write_text('{"name":"plainly-bench","private":true,"type":"module"}')
        sh(["npm", "install", "--silent", "write-good@1", "retext@9", "retext-english@5",
            "retext-passive@5", "retext-simplify@8", "retext-readability@8", "harper.js@2"], cwd=d)
    return d


# --- inputs -------------------------------------------------------------------------

def texts():
    """The team's letters, by language."""
    out = {}
    for lang in ["fr", "nl", "de", "en"]:
        files = sorted((ROOT / "fixtures/letters" / lang).glob("*.*"))
        out[lang] = [f for f in files if f.suffix in (".md", ".txt")]
    return out


def big_text(files, size, path):
    parts, n = [], 0
    bodies = [f.read_text(encoding="utf-8") for f in files]
    while n < size:
        for b in bodies:
            parts.append(b)
            n += len(b.encode())
    path.write_text("\n\n".join(parts), encoding="utf-8")
    return path


# --- benchmarks ---------------------------------------------------------------------

def bench_readability(plainly, py, work, report):
    """plainly score vs textstat on the same texts (1 MB per language)."""
    rows = []
    for lang, files in texts().items():
        big = big_text(files, 1_000_000, work / f"read-{lang}.txt")
        t_p, rss_p, p = timed([plainly, "score", "--format", "json", "--lang", lang, str(big)])
        if not plainly_ok(p):
            rows.append((lang, None, None, 0, 0, f"plainly failed: {p.stderr.strip()[-160:]}"))
            continue
        if not have_module(py, "textstat"):
            rows.append((lang, t_p, None, rss_p, 0, "textstat missing"))
            continue
        code = (
            "import sys, textstat\n"
            f"textstat.set_lang('{lang}')\n"
            "t = open(sys.argv[1], encoding='utf-8').read()\n"
            "textstat.flesch_reading_ease(t); textstat.lexicon_count(t); textstat.sentence_count(t); textstat.syllable_count(t)\n"
        )
        t_t, rss_t, q = timed([str(py), "-c", code, str(big)])
        if q.returncode != 0:
            rows.append((lang, t_p, None, rss_p, 0, f"textstat failed: {q.stderr.strip()[-160:]}"))
        else:
            rows.append((lang, t_p, t_t, rss_p, rss_t, ""))
    report.append("## Readability of the same texts: plainly vs textstat\n")
    report.append("1 MB of the team's letters per language (`plainly score` vs textstat 0.7.13 `flesch_reading_ease` + counts, one process each; ratio = plainly time / textstat time).\n")
    report.append("| lang | plainly (s) | textstat (s) | ratio | plainly peak RSS (MiB) | textstat peak RSS (MiB) |\n|---|---|---|---|---|---|")
    for lang, a, b, ra, rb, note in rows:
        report.append(f"| {lang} | {fmt(a)} | {fmt(b)} | {ratio(a, b)} {note} | {ra / 1024:.0f} | {rb / 1024:.0f} |")
    report.append("")
    return rows


def fmt(t, digits=2):
    return "—" if t is None else f"{t:.{digits}f}"


def ratio(a, b):
    return "—" if a is None or b is None or b == 0 else f"{a / b:.2f}"


def bench_english_rules(plainly, py, node, work, report):
    files = texts()["en"]
    big = big_text(files, 200_000, work / "rules-en.txt")
    t_p, _, p = timed([plainly, "check", "--format", "json", "--lang", "en", str(big)])
    rows = [("plainly (all rules)", t_p if plainly_ok(p) else None, None if plainly_ok(p) else p.stderr.strip()[-160:])]
    if have_module(py, "proselint"):
        t, _, p = timed([str(py), "-m", "proselint", "check", str(big)])
        if p.returncode not in (0, 1):
            t, _, p = timed([str(py), "-m", "proselint", str(big)])
        ok = p.returncode in (0, 1)
        rows.append(("proselint", t if ok else None, "" if ok else p.stderr.strip()[-160:]))
    else:
        rows.append(("proselint", None, "missing"))
    if node is not None:
        scripts = {
            "write-good": "import wg from 'write-good'; import fs from 'fs'; wg(fs.readFileSync(process.argv[2],'utf8'));",
            "retext (passive, simplify, readability)": (
                "import {retext} from 'retext'; import english from 'retext-english'; import passive from 'retext-passive';"
                "import simplify from 'retext-simplify'; import readability from 'retext-readability'; import fs from 'fs';"
                "await retext().use(english).use(passive).use(simplify).use(readability).process(fs.readFileSync(process.argv[2],'utf8'));"
            ),
            "harper.js": (
                "import {LocalLinter} from 'harper.js'; import {binary} from 'harper.js/binary'; import fs from 'fs';"
                "const l = new LocalLinter({binary}); await l.setup(); await l.lint(fs.readFileSync(process.argv[2],'utf8'));"
            ),
        }
        for name, js in scripts.items():
            f = node / f"bench-{name.split()[0]}.mjs"
            f.write_text(js)
            t, _, p = timed(["node", str(f), str(big)], cwd=node)
            rows.append((name, t if p.returncode == 0 else None, "" if p.returncode == 0 else p.stderr.strip()[-160:]))
    else:
        rows.append(("write-good / retext / harper.js", None, "npm missing"))
    report.append("## English rules on the same text: plainly vs proselint, write-good, retext, Harper\n")
    report.append(f"200 KB of English letters, whole run per tool (start-up included).\n")
    report.append("| tool | time (s) | plainly / tool |\n|---|---|---|")
    for name, t, note in rows:
        r = "—" if name.startswith("plainly") else ratio(rows[0][1], t)
        report.append(f"| {name} | {fmt(t)} | {r} {'' if t is not None else note} |")
    report.append("")
    return rows


def bench_extraction(plainly, work, report):
    """Like for like: `plainly extract` (reading only) against pdftotext and pandoc, per
    file and in one batch (bench/extract.py, also runnable on its own)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from extract import bench
    return bench(plainly, 3, report)


def bench_batch(plainly, work, report, n):
    d = work / "batch"
    d.mkdir(exist_ok=True)
    sources = [f for files in texts().values() for f in files]
    for i in range(n):
        s = sources[i % len(sources)]
        (d / f"{i:05d}{s.suffix}").write_text(s.read_text(encoding="utf-8"), encoding="utf-8")
    t, rss, p = timed(["/usr/bin/time", "-v", plainly, "check", "--quiet", "--format", "csv", "--summary", str(d)])
    peak = next((int(l.split(":")[1]) for l in p.stderr.splitlines() if "Maximum resident" in l), rss)
    if p.returncode not in (0, 1):
        report.append(f"Batch run failed (exit {p.returncode}): {p.stderr.strip()[-300:]}\n")
    report.append("## Batch: documents end to end\n")
    report.append(f"{n} documents generated from the team's letters, `plainly check` on the folder.\n")
    report.append("| documents | time (s) | files/s | peak RSS (MiB) |\n|---|---|---|---|")
    report.append(f"| {n} | {t:.2f} | {n / t:.0f} | {peak / 1024:.0f} |\n")
    return {"files": n, "seconds": t, "peak_kib": peak}


def bench_throughput(plainly, work, report):
    report.append("## Engine throughput, full default rule set\n")
    report.append("2 MB of the team's letters per language, `plainly check --lang L` (one process: read, segment, every default rule, JSON out).\n")
    report.append("| lang | MB | time (s) | MB/s | peak RSS (MiB) |\n|---|---|---|---|---|")
    rows = []
    for lang, files in texts().items():
        big = big_text(files, 2_000_000, work / f"thr-{lang}.txt")
        mb = big.stat().st_size / 1e6
        t, rss, p = timed([plainly, "check", "--quiet", "--format", "json", "--lang", lang, str(big)], keep_output=False)
        rows.append((lang, mb, t, rss))
        if plainly_ok(p):
            report.append(f"| {lang} | {mb:.1f} | {t:.2f} | {mb / t:.1f} | {rss / 1024:.0f} |")
        else:
            report.append(f"| {lang} | {mb:.1f} | failed: {p.stderr.strip()[-120:]} | — | — |")
    report.append("")
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--plainly", default=None)
    ap.add_argument("--quick", action="store_true", help="100 documents instead of 1,000")
    a = ap.parse_args()
    plainly = a.plainly
    if plainly is None:
        sh(["cargo", "build", "--release", "-q", "-p", "plainly-cli"], cwd=ROOT)
        target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
        plainly = str(target / "release" / "plainly")
    OUT.mkdir(parents=True, exist_ok=True)
    CACHE.mkdir(parents=True, exist_ok=True)
    py, node = python_env(), node_env()
    debian_tools()
    commit = sh(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT).stdout.strip() or "?"
    report = [f"# Benchmarks\n", f"Machine: {machine()}, load average at start {os.getloadavg()[0]:.1f}. "
              f"plainly: `{sh([plainly, '--version']).stdout.strip()}` (commit {commit}, release build).\n"]
    results = {}
    with tempfile.TemporaryDirectory() as w:
        work = Path(w)
        results["readability"] = bench_readability(plainly, py, work, report)
        results["english_rules"] = bench_english_rules(plainly, py, node, work, report)
        if CORPUS.is_dir():
            results["extraction"] = bench_extraction(plainly, work, report)
        else:
            report.append(f"Extraction skipped: {CORPUS} is absent.\n")
        results["batch"] = bench_batch(plainly, work, report, 100 if a.quick else 1000)
        results["throughput"] = bench_throughput(plainly, work, report)
    (OUT / "results.json").write_text(json.dumps(results, indent=2, default=str))
    print("\n".join(report))


if __name__ == "__main__":
    main()
