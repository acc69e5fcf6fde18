//! Any bytes read as Text: an error or a document, never a panic or a hang.
#![no_main]
use libfuzzer_sys::fuzz_target;
use plainly_readers::{Format, Limits};

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_seconds: 2,
        ..Limits::default()
    };
    if let Ok(doc) = plainly_readers::read(data, Format::Text, &limits) {
        // Every block's map points inside its source text.
        for b in &doc.blocks {
            let src = doc
                .sources
                .get(b.origin.source as usize)
                .map(|s| s.text.len())
                .unwrap_or(0);
            for (i, _) in b.text.char_indices() {
                assert!(b.origin.map.to_source(i) <= src);
            }
        }
    }
});
