//! Output formats.
pub mod json;
pub mod machine;
pub mod pretty;
pub mod stream;
