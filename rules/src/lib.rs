//! plainly-rules
