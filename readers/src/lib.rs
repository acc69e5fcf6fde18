//! plainly-readers
