#!/usr/bin/env bash
# Fill fuzz/corpus/<target>/ with seeds from the fixtures and, if present, ../shared/corpus.
set -eu
cd "$(dirname "$0")"
root=..
corpus=$root/../shared/corpus
seed() { mkdir -p "corpus/$1"; shift; for f in "$@"; do [ -f "$f" ] && cp "$f" "corpus/${t:-x}/" 2>/dev/null || true; done; }
t=read_markdown; seed $t $root/fixtures/letters/*/*.md
t=read_text; seed $t $root/fixtures/letters/*/*.txt $corpus/letters-*/*.txt
t=engine; seed $t $root/fixtures/letters/*/*.md
t=offsets; seed $t $root/fixtures/letters/*/*.txt
t=read_html; seed $t $root/fixtures/consistency/*.html
t=read_pdf; seed $t $corpus/letters-*/*.pdf $corpus/readers-stress/*.pdf
t=read_docx; seed $t $corpus/readers-stress/*.docx
t=read_odt; seed $t $corpus/readers-stress/*.odt
echo "seeded: $(ls corpus | wc -l) targets"
