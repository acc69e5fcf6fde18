#![allow(clippy::unwrap_used, clippy::expect_used)]
//! scratch
use plainly_readers::{Limits, pdf};
use std::path::PathBuf;

#[test]
#[ignore]
fn dump() {
    let path = std::env::var("PDF").unwrap();
    let bytes = std::fs::read(PathBuf::from(&path)).unwrap();
    let t = std::time::Instant::now();
    let r = pdf::read(&bytes, &Limits::default());
    println!("took {:?}", t.elapsed());
    match r {
        Ok(doc) => {
            for b in &doc.blocks {
                println!("[p{} {:?}] {}", b.origin.place.page.unwrap_or(0), b.kind, b.text);
            }
            if std::env::var("SRC").is_ok() {
                for s in &doc.sources {
                    println!("=== {}\n{}", s.name, s.text);
                }
            }
        }
        Err(e) => println!("ERROR {e:?}"),
    }
}
