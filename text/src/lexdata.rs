//! Data files from `lexicons/`, embedded at build time.
