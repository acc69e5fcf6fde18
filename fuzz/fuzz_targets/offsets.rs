//! Offset maps round-trip: byte ⇄ line/column in UTF-8, chars and UTF-16.
#![no_main]
use libfuzzer_sys::fuzz_target;
use plainly_text::LineIndex;
use plainly_text::lines::ColumnUnit;

fuzz_target!(|text: &str| {
    let idx = LineIndex::new(text);
    for (o, _) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let lc = idx.line_col(text, o);
        assert_eq!(idx.offset(text, lc.line, lc.col_utf8, ColumnUnit::Utf8), o);
        assert_eq!(idx.offset(text, lc.line, lc.col_char, ColumnUnit::Char), o);
        assert_eq!(
            idx.offset(text, lc.line, lc.col_utf16, ColumnUnit::Utf16),
            o
        );
    }
});
