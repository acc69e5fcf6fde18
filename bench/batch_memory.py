#!/usr/bin/env python3
"""Memory of a batch run: does `plainly check DIR` stay bounded from 1,000 to 10,000 files?

Generates folders of documents from the team's fixture letters (a mix of .md, .txt and
.html, plus DOCX and ODT zipped from fixtures/office), runs the release binary under
`/usr/bin/time -v` with the JSON output thrown away and with the default (pretty) output,
and prints files/s and peak RSS for each size. Python standard library only.

    python3 bench/batch_memory.py [--plainly PATH] [--sizes 1000,10000]

Without --plainly, builds `cargo build --release -p plainly-cli` in $CARGO_TARGET_DIR.
"""
import argparse, html, io, os, platform, re, subprocess, sys, tempfile, time, zipfile
from pathlib import Path

from common import machine

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"




def zip_folder(folder):
    """A DOCX or ODT from its XML parts (`mimetype` first and stored, as ODF asks)."""
    parts = sorted(p for p in folder.rglob("*") if p.is_file())
    parts.sort(key=lambda p: p.name != "mimetype")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for p in parts:
            name = p.relative_to(folder).as_posix()
            method = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            z.write(p, name, compress_type=method)
    return buf.getvalue()


def as_html(text, lang):
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras)
    return f"<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>Lettre</title></head>\n<body>\n{body}\n</body></html>\n"


def sources():
    """(suffix, bytes) of every kind of document the batch mixes."""
    out = []
    for f in sorted((FIXTURES / "letters").glob("*/*")):
        if f.suffix not in (".md", ".txt"):
            continue
        data = f.read_bytes()
        out.append((f.suffix, data))
        # Every third letter also as HTML.
        if len(out) % 3 == 0:
            out.append((".html", as_html(data.decode("utf-8", "replace"), f.parent.name).encode()))
    office = FIXTURES / "office"
    if (office / "docx-lettre-fr").is_dir():
        out.append((".docx", zip_folder(office / "docx-lettre-fr")))
    if (office / "odt-brief-nl").is_dir():
        out.append((".odt", zip_folder(office / "odt-brief-nl")))
    return out


def generate(folder, n, docs):
    """n documents, 100 per sub-folder, cycling through the sources."""
    for i in range(n):
        suffix, data = docs[i % len(docs)]
        sub = folder / f"{i // 100:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"doc{i:05d}{suffix}").write_bytes(data)


def run(plainly, folder, args):
    cmd = ["/usr/bin/time", "-v", plainly, "check", str(folder), *args]
    env = dict(os.environ, NO_COLOR="1")
    env.pop("CI", None)
    t = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    dt = time.perf_counter() - t
    peak = None
    for line in p.stderr.splitlines():
        if "Maximum resident set size" in line:
            peak = int(line.split(":")[1])
    if p.returncode not in (0, 1, 2):
        print(f"plainly failed (exit {p.returncode}): {p.stderr[-400:]}", file=sys.stderr)
    return dt, peak, p.returncode


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--plainly")
    ap.add_argument("--sizes", default="1000,10000")
    a = ap.parse_args()
    if not Path("/usr/bin/time").exists():
        sys.exit("needs /usr/bin/time (GNU time, Debian package `time`) for the peak RSS")
    plainly = a.plainly
    if plainly is None:
        subprocess.run(["cargo", "build", "--release", "-q", "-p", "plainly-cli"], cwd=ROOT, check=True)
        target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
        plainly = str(target / "release" / "plainly")
    docs = sources()
    kinds = sorted({s for s, _ in docs})
    sizes = [int(s) for s in a.sizes.split(",")]
    version = subprocess.run([plainly, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"Machine: {machine()}, load average at start {os.getloadavg()[0]:.1f}. {version}.")
    print(f"Documents cycle through {len(docs)} sources ({', '.join(kinds)}).\n")
    print("| documents | output | time (s) | files/s | peak RSS (MiB) |")
    print("|---|---|---|---|---|")
    rows = []
    with tempfile.TemporaryDirectory() as w:
        for n in sizes:
            folder = Path(w) / f"batch-{n}"
            generate(folder, n, docs)
            for label, args in [("json to /dev/null", ["--format", "json", "--output", "/dev/null"]),
                                ("pretty (default)", [])]:
                dt, peak, code = run(plainly, folder, args)
                rows.append((n, label, dt, peak))
                rss = f"{peak / 1024:.0f}" if peak else "?"
                print(f"| {n:,} | {label} | {dt:.2f} | {n / dt:.0f} | {rss} |", flush=True)
    by = {(n, label): peak for n, label, _, peak in rows}
    if len(sizes) >= 2:
        lo, hi = sizes[0], sizes[-1]
        for label in ("json to /dev/null", "pretty (default)"):
            a_, b_ = by.get((lo, label)), by.get((hi, label))
            if a_ and b_:
                print(f"\n{label}: peak RSS at {hi:,} files is {b_ / a_:.2f}× the peak at {lo:,}.", end="")
        print()


if __name__ == "__main__":
    main()
