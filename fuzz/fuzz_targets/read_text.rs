//! Any bytes read as Text: an error or a document, never a panic or a hang.
#![no_main]
use libfuzzer_sys::fuzz_target;
use plainly_readers::Format;

mod common;

fuzz_target!(|data: &[u8]| common::read_and_check(data, Format::Text));
