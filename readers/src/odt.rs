//! ODT reader. PLACEHOLDER: replaced by the ODT work.

use crate::{Limits, ReadError};
use plainly_text::Document;

/// Read a ODT file.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    let _ = (bytes, limits);
    Err(ReadError::Unsupported("odt".into()))
}
