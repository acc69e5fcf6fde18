//! Reader errors: one clear message per unreadable file.

use crate::limits::Limit;

/// Why a file could not be read. Messages are short and plain; the CLI prints one line.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// A limit of [`Limits`](crate::Limits) was crossed; `found` and `limit` are in the
    /// limit's own unit (bytes, characters or pages).
    #[error("{}", limit.describe(*found, *max))]
    TooLarge { limit: Limit, found: u64, max: u64 },
    #[error("file is protected by a password (encrypted): plainly cannot read it")]
    Encrypted,
    #[error("file is damaged or incomplete: {0}")]
    Corrupt(String),
    #[error("file is not a {expected} file")]
    WrongFormat { expected: &'static str },
    #[error("no usable text: {0}")]
    NoText(String),
    #[error("file is suspicious and was not opened: {0}")]
    Hostile(String),
    #[error("reading took longer than {0} seconds (the limit)")]
    Timeout(u64),
    #[error("format '{0}' is not supported yet")]
    Unsupported(String),
}

/// The end of every unpacking-cap message (the guards against decompression bombs).
pub(crate) const UNPACK_LIMIT: &str = "(the limit";

impl ReadError {
    /// The configurable limit this error is about, if any: a front-end can say how to
    /// raise it. (`Hostile` archives past the unpacking caps count as [`Limit::Unpacked`];
    /// the ratio and entry-count guards are not limits to raise.)
    pub fn over_limit(&self) -> Option<Limit> {
        match self {
            ReadError::TooLarge { limit, .. } => Some(*limit),
            ReadError::Timeout(_) => Some(Limit::Seconds),
            ReadError::Hostile(m) if m.contains(UNPACK_LIMIT) => Some(Limit::Unpacked),
            _ => None,
        }
    }

    /// The text of `chars` characters is over `limits`' text limit.
    pub(crate) fn text_chars(chars: usize, max: usize) -> ReadError {
        ReadError::TooLarge {
            limit: Limit::TextChars,
            found: chars as u64,
            max: max as u64,
        }
    }

    /// A file of `bytes` bytes is over the file size limit.
    pub fn file_bytes(bytes: u64, max: u64) -> ReadError {
        ReadError::TooLarge {
            limit: Limit::FileBytes,
            found: bytes,
            max,
        }
    }
}
