//! Throughput of segmentation + words + syllables + counts on ≥ 1 MB of French text
//! assembled from the team's fixture letters. `cargo bench -p plainly-text` prints MB/s.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use plainly_text::{BlockKind, Lang, analyze_block};
use std::path::PathBuf;

fn french_megabyte() -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/letters/fr");
    let mut paragraphs = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        paragraphs.extend(
            text.split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty() && !p.starts_with('#'))
                .map(String::from),
        );
    }
    let mut out = Vec::new();
    let mut size = 0;
    while size < 1_048_576 {
        for p in &paragraphs {
            size += p.len();
            out.push(p.clone());
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let blocks = french_megabyte();
    let bytes: usize = blocks.iter().map(String::len).sum();
    let mut g = c.benchmark_group("text");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function("analyze 1 MB French", |b| {
        b.iter(|| {
            let mut words = 0u32;
            for block in &blocks {
                words += analyze_block(block, BlockKind::Paragraph, Lang::Fr)
                    .counts
                    .words;
            }
            words
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
