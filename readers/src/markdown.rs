//! Markdown. PLACEHOLDER.
use crate::{Limits, ReadError};
use plainly_text::Document;
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    let _ = (bytes, limits);
    Ok(Document::default())
}
