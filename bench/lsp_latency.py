#!/usr/bin/env python3
"""Language-server latency: time from didChange to the published diagnostics of that
version, on a 250 KB document (one paragraph edited) and on a 2-page letter, and the
server's peak memory with all lexicons loaded.

    python3 bench/lsp_latency.py [--plainly PATH]
"""
import argparse, json, os, subprocess, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Server:
    def __init__(self, plainly):
        self.p = subprocess.Popen([plainly, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL)
        self.id = 0

    def send(self, msg):
        body = json.dumps(msg).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def read(self):
        length = 0
        while True:
            line = self.p.stdout.readline()
            if not line:
                raise EOFError
            line = line.strip()
            if not line:
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(self.p.stdout.read(length))

    def request(self, method, params):
        self.id += 1
        self.send({"jsonrpc": "2.0", "id": self.id, "method": method, "params": params})
        while True:
            m = self.read()
            if m.get("id") == self.id and "method" not in m:
                return m
            if "method" in m and "id" in m:
                self.send({"jsonrpc": "2.0", "id": m["id"], "result": None})

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_diagnostics(self, uri, version):
        while True:
            m = self.read()
            if "method" in m and "id" in m:
                self.send({"jsonrpc": "2.0", "id": m["id"], "result": None})
            elif m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri \
                    and m["params"].get("version") == version:
                return m["params"]["diagnostics"]

    def peak_kib(self):
        for line in open(f"/proc/{self.p.pid}/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        return 0


def measure(s, name, text, rounds=5):
    uri = f"file:///tmp/plainly-bench/{name}.md"
    s.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
    t = time.perf_counter()
    s.wait_diagnostics(uri, 1)
    first = time.perf_counter() - t
    lines = text.split("\n")
    mid = len(lines) // 2
    times = []
    for r in range(rounds):
        v = r + 2
        edit = {"range": {"start": {"line": mid, "character": 0}, "end": {"line": mid, "character": 0}},
                "text": f"Nous avons ajouté cette phrase {r}. "}
        t = time.perf_counter()
        s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": v}, "contentChanges": [edit]})
        s.wait_diagnostics(uri, v)
        times.append(time.perf_counter() - t)
    return first, times


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--plainly", default=None)
    a = ap.parse_args()
    plainly = a.plainly or str(Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "release" / "plainly")
    letters = sorted((ROOT / "fixtures/letters/fr").glob("*.md"))
    letter = letters[0].read_text(encoding="utf-8")
    big, n = [], 0
    while n < 250_000:
        for f in letters:
            t = f.read_text(encoding="utf-8")
            big.append(t)
            n += len(t.encode())
    big = "\n\n".join(big)
    s = Server(plainly)
    s.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    s.notify("initialized", {})
    print("| document | size | first analysis (ms) | didChange → diagnostics, median of 5 (ms) |")
    print("|---|---|---|---|")
    for name, text in [("letter", letter), ("big", big)]:
        first, times = measure(s, name, text)
        times.sort()
        print(f"| {name} | {len(text.encode()) / 1000:.0f} KB | {first * 1000:.0f} | {times[len(times) // 2] * 1000:.0f} |")
    print(f"\nServer peak memory (VmHWM): {s.peak_kib() / 1024:.0f} MiB "
          "(includes the 200 ms debounce in the didChange figures)")
    s.request("shutdown", None)
    s.notify("exit", None)


if __name__ == "__main__":
    main()
