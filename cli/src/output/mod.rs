//! Output formats.
pub mod json;
pub mod pretty;
