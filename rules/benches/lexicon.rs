//! Placeholder (lead): replaced by the lexicon benchmark.
fn main() {}
