//! What every `read_*` target checks: any bytes read as one format give an error or a
//! document, never a panic or a hang, and every block's map points inside its source text.

use plainly_readers::{Format, Limits};

pub fn read_and_check(data: &[u8], format: Format) {
    let limits = Limits {
        max_seconds: 2,
        ..Limits::default()
    };
    if let Ok(doc) = plainly_readers::read(data, format, &limits) {
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
}
