//! Lexicon matching at scale: 5,000 synthetic phrases over 1 MB of text
//! (`cargo bench -p plainly-rules --bench lexicon`). DESIGN.md's budget: well under 50 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use plainly_rules::lexicon::Matcher;
use plainly_rules::lexicon::fold::fold;
use std::hint::black_box;
use std::time::Instant;

/// A small deterministic generator (no dependency, same data every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const SYLLABLES: &[&str] = &[
    "ad", "mi", "nis", "tra", "tion", "dé", "ci", "sion", "ver", "ant", "wo", "ord", "ge", "mäß",
    "bei", "lie", "gend", "con", "for", "mé", "ment", "re", "cht", "hof", "en", "ter", "pro", "ra",
    "ta", "ex", "tunc", "ça", "ü", "ber", "la", "in", "val", "vas", "zu", "ung",
];

fn word(rng: &mut Lcg) -> String {
    let n = 1 + rng.below(4);
    (0..n)
        .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
        .collect()
}

fn vocabulary(rng: &mut Lcg, n: usize) -> Vec<String> {
    (0..n).map(|_| word(rng)).collect()
}

/// `n` phrases of one to four words from `vocab`.
fn phrases(rng: &mut Lcg, vocab: &[String], n: usize) -> Vec<String> {
    (0..n)
        .map(|_| {
            let k = 1 + rng.below(4);
            (0..k)
                .map(|_| vocab[rng.below(vocab.len())].as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// About `bytes` of text: words of the vocabulary, capitals, punctuation, line breaks,
/// now and then an end-of-line hyphenation.
fn text(rng: &mut Lcg, vocab: &[String], bytes: usize) -> String {
    let mut t = String::with_capacity(bytes + 100);
    let mut line = 0;
    while t.len() < bytes {
        let w = &vocab[rng.below(vocab.len())];
        if rng.below(12) == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                t.extend(f.to_uppercase());
                t.push_str(c.as_str());
            }
        } else {
            t.push_str(w);
        }
        line += w.len() + 1;
        match rng.below(20) {
            0 => t.push_str(". "),
            1 => t.push_str(", "),
            _ if line > 70 => {
                t.push('\n');
                line = 0;
            }
            _ => t.push(' '),
        }
        if rng.below(200) == 0 {
            t.push_str("adminis-\ntration ");
        }
    }
    t
}

fn bench(c: &mut Criterion) {
    let mut rng = Lcg(0x5eed);
    let vocab = vocabulary(&mut rng, 3_000);
    let forms = phrases(&mut rng, &vocab, 5_000);
    let text = text(&mut rng, &vocab, 1 << 20);

    let t0 = Instant::now();
    let matcher = Matcher::new(
        forms
            .iter()
            .enumerate()
            .map(|(i, f)| (f.as_str(), i % 50 == 0, i as u32)),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let build = t0.elapsed();
    let t1 = Instant::now();
    let hits = matcher.find(&text);
    let once = t1.elapsed();
    println!(
        "lexicon: {} forms ({} accent-sensitive), {} bytes of text: build {:.1} ms, one pass {:.1} ms, {} matches",
        matcher.len(),
        forms.len() / 50,
        text.len(),
        build.as_secs_f64() * 1e3,
        once.as_secs_f64() * 1e3,
        hits.len()
    );

    let mut g = c.benchmark_group("lexicon");
    g.sample_size(20);
    g.bench_function("fold 1 MB", |b| b.iter(|| fold(black_box(&text), false)));
    g.bench_function("5000 forms over 1 MB", |b| {
        b.iter(|| matcher.find(black_box(&text)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
