//! DOCX reader. PLACEHOLDER: replaced by the DOCX work.

use crate::{Limits, ReadError};
use plainly_text::Document;

/// Read a DOCX file.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    let _ = (bytes, limits);
    Err(ReadError::Unsupported("docx".into()))
}
