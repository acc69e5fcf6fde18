//! Bounded access to a loaded PDF's objects: references followed a limited number of times,
//! streams decoded through a cap on each stream and on the file's total.

use lopdf::{Dictionary, Object};
use std::cell::{Cell, RefCell};

/// Most references followed to reach one object (a chain longer than this is a cycle).
const MAX_DEREF: usize = 32;

/// A loaded document with its decoding budget.
#[derive(Debug)]
pub(crate) struct Pdf {
    pub doc: lopdf::Document,
    max_entry: u64,
    max_total: u64,
    total: Cell<u64>,
    /// The first decoding limit hit, reported once the page is done.
    pub bomb: RefCell<Option<String>>,
}

impl Pdf {
    pub(crate) fn new(doc: lopdf::Document, max_entry: u64, max_total: u64) -> Self {
        Pdf {
            doc,
            max_entry,
            max_total,
            total: Cell::new(0),
            bomb: RefCell::new(None),
        }
    }

    fn note_bomb(&self, msg: String) {
        let mut b = self.bomb.borrow_mut();
        if b.is_none() {
            *b = Some(msg);
        }
    }
}

/// `obj` with references followed.
pub(crate) fn resolve<'a>(pdf: &'a Pdf, obj: &'a Object) -> Option<&'a Object> {
    let mut cur = obj;
    for _ in 0..MAX_DEREF {
        match cur {
            Object::Reference(id) => cur = pdf.doc.objects.get(id)?,
            other => return Some(other),
        }
    }
    None
}

/// `dict[key]` with references followed.
pub(crate) fn dict_get<'a>(pdf: &'a Pdf, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    resolve(pdf, dict.get(key).ok()?)
}

/// A dictionary, also the dictionary of a stream.
pub(crate) fn as_dict<'a>(pdf: &'a Pdf, obj: &'a Object) -> Option<&'a Dictionary> {
    match resolve(pdf, obj)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

pub(crate) fn name(pdf: &Pdf, obj: Option<&Object>) -> Option<Vec<u8>> {
    match resolve(pdf, obj?)? {
        Object::Name(n) => Some(n.clone()),
        _ => None,
    }
}

pub(crate) fn number(pdf: &Pdf, obj: &Object) -> Option<f64> {
    let v = match resolve(pdf, obj)? {
        Object::Integer(i) => *i as f64,
        Object::Real(r) => f64::from(*r),
        _ => return None,
    };
    v.is_finite().then_some(v)
}

pub(crate) fn numbers(pdf: &Pdf, obj: &Object) -> Option<Vec<f64>> {
    let arr = resolve(pdf, obj)?.as_array().ok()?;
    Some(arr.iter().map(|o| number(pdf, o).unwrap_or(0.0)).collect())
}

/// The decoded bytes of a stream, within the caps. A stream past a cap gives `None` and
/// is remembered as a decompression bomb; a stream with a filter plainly cannot decode
/// (images) gives `None`.
pub(crate) fn stream_bytes(pdf: &Pdf, obj: &Object) -> Option<Vec<u8>> {
    let Object::Stream(stream) = resolve(pdf, obj)? else {
        return None;
    };
    let left = pdf.max_total.saturating_sub(pdf.total.get());
    let cap = pdf.max_entry.min(left);
    let cap = usize::try_from(cap).unwrap_or(usize::MAX);
    match stream.get_plain_content_with_limit(cap) {
        Ok(bytes) => {
            pdf.total
                .set(pdf.total.get().saturating_add(bytes.len() as u64));
            Some(bytes)
        }
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
            pdf.note_bomb(if left < pdf.max_entry {
                format!(
                    "its streams unpack to more than {} (the limit)",
                    crate::limits::megabytes(pdf.max_total)
                )
            } else {
                format!(
                    "a stream unpacks to more than {} (the limit)",
                    crate::limits::megabytes(pdf.max_entry)
                )
            });
            None
        }
        Err(_) => None,
    }
}
