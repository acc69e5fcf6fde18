//! Reader errors: one clear message per unreadable file.

/// Why a file could not be read. Messages are short and plain; the CLI prints one line.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("file is too large ({size} bytes; the limit is {limit})")]
    TooLarge { size: u64, limit: u64 },
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
    #[error("reading took longer than {0} seconds")]
    Timeout(u64),
    #[error("format '{0}' is not supported yet")]
    Unsupported(String),
}
