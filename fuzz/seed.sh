#!/usr/bin/env bash
# Fill fuzz/corpus/<target>/ with seeds from the fixtures and, if present, ../shared/corpus.
set -eu
cd "$(dirname "$0")"
root=..
corpus=$root/../shared/corpus
seed() { mkdir -p "corpus/$1"; shift; for f in "$@"; do [ -f "$f" ] && cp "$f" "corpus/${t:-x}/" 2>/dev/null || true; done; }
# The office fixtures are unpacked folders: pack them (deflated, mimetype stored first).
pack() {
  python3 - "$1" "$2" <<'PY'
import sys, zipfile, pathlib
src, dst = pathlib.Path(sys.argv[1]), sys.argv[2]
with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
    if (src / "mimetype").exists():
        z.write(src / "mimetype", "mimetype", compress_type=zipfile.ZIP_STORED)
    for f in sorted(p for p in src.rglob("*") if p.is_file() and p.name != "mimetype"):
        z.write(f, f.relative_to(src).as_posix())
PY
}
t=read_markdown; seed $t $root/fixtures/letters/*/*.md $corpus/letters-*/*.md
t=read_text; seed $t $root/fixtures/letters/*/*.txt $corpus/letters-*/*.txt
t=engine; seed $t $root/fixtures/letters/*/*.md $root/fixtures/letters/*/*.txt
t=offsets; seed $t $root/fixtures/letters/*/*.txt
t=read_html; seed $t $root/fixtures/consistency/*.html
t=read_pdf; seed $t $corpus/letters-*/*.pdf $corpus/readers-stress/*.pdf
t=read_docx; seed $t $corpus/readers-stress/*.docx
t=read_odt; seed $t $corpus/readers-stress/*.odt
pack $root/fixtures/office/docx-lettre-fr corpus/read_docx/fixture-lettre-fr.docx
pack $root/fixtures/office/odt-brief-nl corpus/read_odt/fixture-brief-nl.odt
for d in corpus/*; do echo "$(basename "$d"): $(ls "$d" | wc -l) seeds"; done
