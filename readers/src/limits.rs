//! Size, ratio and time limits that every reader honours, in one place.
//!
//! Each limit is counted in its own unit: the file in bytes, the extracted text in
//! characters, archive parts in unpacked bytes, PDFs in pages, time in seconds. A file
//! that crosses one gets [`ReadError::TooLarge`](crate::ReadError::TooLarge) naming the
//! [`Limit`] (or `Hostile` for the decompression-bomb guards, or `Timeout`).

/// Limits for reading one file. Defaults suit letters and brochures with room to spare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest input file, in bytes.
    pub max_file_bytes: u64,
    /// Largest unpacked size of one archive entry (DOCX/ODT parts) or PDF stream, in bytes.
    pub max_entry_bytes: u64,
    /// Largest unpacked size of all entries (or streams) read from one file, in bytes.
    pub max_total_bytes: u64,
    /// Largest unpacked/packed ratio of an entry (zip bombs).
    pub max_ratio: u64,
    /// Most entries in an archive.
    pub max_entries: usize,
    /// Most characters (Unicode scalar values) of extracted text.
    pub max_text_chars: usize,
    /// Most pages read from a PDF.
    pub max_pages: usize,
    /// Time budget per file, in seconds.
    pub max_seconds: u64,
}

/// One mebibyte: the unit of the `*_mb` options.
pub const MB: u64 = 1024 * 1024;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 100 * MB,
            max_entry_bytes: 64 * MB,
            max_total_bytes: 256 * MB,
            max_ratio: 200,
            max_entries: 10_000,
            max_text_chars: 20_000_000,
            max_pages: 5_000,
            max_seconds: 30,
        }
    }
}

impl Limits {
    /// Limits set in the units people use (the CLI options and `plainly.toml`'s
    /// `[limits]`): megabytes, characters, pages, seconds. `None` keeps the default; the
    /// unpacked total gives each archive part or PDF stream a quarter of it.
    pub fn with_units(
        file_mb: Option<u64>,
        text_chars: Option<u64>,
        unpacked_mb: Option<u64>,
        pages: Option<u64>,
        seconds: Option<u64>,
    ) -> Limits {
        let d = Limits::default();
        let size = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
        let total = unpacked_mb.map_or(d.max_total_bytes, |mb| mb.saturating_mul(MB));
        Limits {
            max_file_bytes: file_mb.map_or(d.max_file_bytes, |mb| mb.saturating_mul(MB)),
            max_text_chars: text_chars.map_or(d.max_text_chars, size),
            max_total_bytes: total,
            max_entry_bytes: total / 4,
            max_pages: pages.map_or(d.max_pages, size),
            max_seconds: seconds.map_or(d.max_seconds, |s| s.max(1)),
            ..d
        }
    }

    /// Refuse a text longer than [`Limits::max_text_chars`].
    pub(crate) fn check_text(&self, text: &str) -> Result<(), crate::ReadError> {
        // Bytes bound characters from above: most texts need no count at all.
        if text.len() <= self.max_text_chars {
            return Ok(());
        }
        let chars = text.chars().count();
        if chars > self.max_text_chars {
            return Err(crate::ReadError::text_chars(chars, self.max_text_chars));
        }
        Ok(())
    }
}

/// Which limit a file crossed, for [`ReadError::TooLarge`](crate::ReadError::TooLarge).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Limit {
    /// [`Limits::max_file_bytes`], counted in bytes.
    FileBytes,
    /// [`Limits::max_text_chars`], counted in characters.
    TextChars,
    /// [`Limits::max_pages`], counted in pages.
    Pages,
    /// [`Limits::max_entry_bytes`] and [`Limits::max_total_bytes`] (reported as `Hostile`).
    Unpacked,
    /// [`Limits::max_seconds`] (reported as `Timeout`).
    Seconds,
}

impl Limit {
    /// "the file is larger than 100 MB (the limit): it has 143.5 MB"
    pub fn describe(self, found: u64, limit: u64) -> String {
        match self {
            Limit::FileBytes => format!(
                "the file is larger than {} (the limit): it has {}",
                megabytes(limit),
                megabytes(found)
            ),
            Limit::TextChars => format!(
                "the text is longer than {} characters (the limit): it has {}",
                count(limit),
                count(found)
            ),
            Limit::Pages => format!(
                "the document has more than {} pages (the limit)",
                count(limit)
            ),
            Limit::Unpacked => format!(
                "the file unpacks to more than {} (the limit)",
                megabytes(limit)
            ),
            Limit::Seconds => format!("reading took longer than {limit} seconds (the limit)"),
        }
    }
}

/// A byte size for people: "100 MB", "143.5 MB", "512 KB", "200 bytes".
pub fn megabytes(bytes: u64) -> String {
    if bytes >= MB {
        if bytes.is_multiple_of(MB) {
            format!("{} MB", bytes / MB)
        } else {
            format!("{:.1} MB", bytes as f64 / MB as f64)
        }
    } else if bytes >= 1024 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        format!("{bytes} bytes")
    }
}

/// A count for people: "20 million", "1.5 million", "12,345".
pub fn count(n: u64) -> String {
    const MILLION: u64 = 1_000_000;
    if n >= MILLION && n.is_multiple_of(MILLION / 10) {
        if n.is_multiple_of(MILLION) {
            format!("{} million", n / MILLION)
        } else {
            format!("{:.1} million", n as f64 / MILLION as f64)
        }
    } else {
        let digits = n.to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_counts_read_well() {
        assert_eq!(megabytes(100 * MB), "100 MB");
        assert_eq!(megabytes(MB + MB / 2), "1.5 MB");
        assert_eq!(megabytes(2048), "2 KB");
        assert_eq!(megabytes(200), "200 bytes");
        assert_eq!(count(20_000_000), "20 million");
        assert_eq!(count(2_500_000), "2.5 million");
        assert_eq!(count(100_000_188), "100,000,188");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
    }

    #[test]
    fn every_text_reader_counts_characters() {
        use crate::{Format, ReadError, read};
        let limits = |n| Limits {
            max_text_chars: n,
            ..Limits::default()
        };
        // 600 characters in 1,200 bytes.
        let text = "é".repeat(600);
        for format in [Format::Text, Format::Markdown, Format::Html] {
            match read(text.as_bytes(), format, &limits(500)) {
                Err(ReadError::TooLarge {
                    limit: Limit::TextChars,
                    found,
                    max: 500,
                }) => assert!(found >= 600, "{format:?}: {found}"),
                other => panic!("{format:?}: {other:?}"),
            }
            assert!(
                read(text.as_bytes(), format, &limits(700)).is_ok(),
                "{format:?}"
            );
        }
        let e = read(text.as_bytes(), Format::Text, &limits(500));
        assert!(e.is_err_and(|e| e.to_string().contains("longer than 500 characters")),);
    }

    #[test]
    fn units_convert_and_absent_ones_keep_the_defaults() {
        assert_eq!(
            Limits::with_units(None, None, None, None, None),
            Limits::default()
        );
        let l = Limits::with_units(Some(2), Some(500), Some(8), Some(3), Some(0));
        assert_eq!(l.max_file_bytes, 2 * MB);
        assert_eq!(l.max_text_chars, 500);
        assert_eq!((l.max_total_bytes, l.max_entry_bytes), (8 * MB, 2 * MB));
        assert_eq!(l.max_pages, 3);
        assert_eq!(l.max_seconds, 1);
        assert_eq!(l.max_ratio, Limits::default().max_ratio);
    }

    #[test]
    fn messages_name_the_unit() {
        let m = Limit::TextChars.describe(100_000_188, 20_000_000);
        assert_eq!(
            m,
            "the text is longer than 20 million characters (the limit): it has 100,000,188"
        );
        assert!(
            Limit::FileBytes
                .describe(150 * MB, 100 * MB)
                .contains("100 MB")
        );
        assert!(Limit::Pages.describe(5001, 5000).contains("5,000 pages"));
    }
}
