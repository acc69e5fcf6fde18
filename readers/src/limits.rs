//! Size, ratio and time limits that every reader honours.

/// Limits for reading one file. Defaults suit letters and brochures with room to spare.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest input file.
    pub max_file_bytes: u64,
    /// Largest decompressed size of one archive entry (DOCX/ODT parts, PDF streams).
    pub max_entry_bytes: u64,
    /// Largest decompressed size of all entries read from one archive.
    pub max_total_bytes: u64,
    /// Largest decompressed/compressed ratio of an entry.
    pub max_ratio: u64,
    /// Most entries in an archive.
    pub max_entries: usize,
    /// Most characters of extracted text.
    pub max_text_chars: usize,
    /// Time budget per file, in seconds.
    pub max_seconds: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 100 * 1024 * 1024,
            max_entry_bytes: 64 * 1024 * 1024,
            max_total_bytes: 256 * 1024 * 1024,
            max_ratio: 200,
            max_entries: 10_000,
            max_text_chars: 20_000_000,
            max_seconds: 30,
        }
    }
}
