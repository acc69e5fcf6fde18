//! Bounded reading of zip packages (DOCX, ODT).
//!
//! Every entry is checked before it is unpacked (declared size, compression ratio, running
//! total) and read through a cap, so a zip bomb or an entry that lies about its size costs at
//! most the limits in [`Limits`], never gigabytes of memory.

use crate::limits::{count, megabytes};
use crate::{Limits, ReadError};
use std::io::{Cursor, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};
use zip::ZipArchive;
use zip::result::ZipError;

/// The signature of an OLE compound file (CFB), the container of legacy Office files and of
/// password-protected OOXML files.
const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The compression ratio is only checked on entries larger than this: small XML parts
/// compress very well and are harmless.
const RATIO_FLOOR: u64 = 1024 * 1024;

/// True for an OLE compound file holding an encrypted OOXML package (`EncryptionInfo` and
/// `EncryptedPackage` streams; their directory names are stored in UTF-16LE).
pub(crate) fn is_encrypted_ooxml(bytes: &[u8]) -> bool {
    bytes.starts_with(&CFB_MAGIC)
        && (contains_utf16(bytes, "EncryptionInfo") || contains_utf16(bytes, "EncryptedPackage"))
}

pub(crate) fn is_cfb(bytes: &[u8]) -> bool {
    bytes.starts_with(&CFB_MAGIC)
}

fn contains_utf16(hay: &[u8], needle: &str) -> bool {
    let pat: Vec<u8> = needle.encode_utf16().flat_map(u16::to_le_bytes).collect();
    !pat.is_empty() && hay.windows(pat.len()).any(|w| w == pat.as_slice())
}

/// An opened zip package with its unpacking budget.
pub(crate) struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    limits: Limits,
    total: u64,
}

impl std::fmt::Debug for Package<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Package")
            .field("entries", &self.zip.len())
            .field("total", &self.total)
            .finish()
    }
}

fn zip_error(e: &ZipError) -> ReadError {
    match e {
        ZipError::UnsupportedArchive(msg) if *msg == ZipError::PASSWORD_REQUIRED => {
            ReadError::Encrypted
        }
        ZipError::InvalidPassword => ReadError::Encrypted,
        ZipError::UnsupportedArchive(_) => {
            ReadError::Corrupt("the zip archive uses a feature plainly cannot read".into())
        }
        ZipError::FileNotFound => ReadError::Corrupt("a part of the archive is missing".into()),
        _ => ReadError::Corrupt("the zip archive is damaged or incomplete".into()),
    }
}

impl<'a> Package<'a> {
    /// Open `bytes` as a zip package. `format` names the expected format in errors.
    pub(crate) fn open(
        bytes: &'a [u8],
        limits: &Limits,
        format: &'static str,
    ) -> Result<Self, ReadError> {
        if !bytes.starts_with(b"PK") {
            return Err(ReadError::WrongFormat { expected: format });
        }
        // Refuse a huge entry count before the zip crate indexes every entry in memory.
        if let Some(n) = declared_entries(bytes)
            && n > limits.max_entries as u64
        {
            return Err(too_many(n, limits));
        }
        let opened = catch_unwind(|| ZipArchive::new(Cursor::new(bytes)));
        let zip = match opened {
            Ok(Ok(z)) => z,
            Ok(Err(e)) => return Err(zip_error(&e)),
            Err(_) => {
                return Err(ReadError::Corrupt(
                    "the zip archive is damaged or incomplete".into(),
                ));
            }
        };
        if zip.len() > limits.max_entries {
            return Err(too_many(zip.len() as u64, limits));
        }
        Ok(Package {
            zip,
            limits: limits.clone(),
            total: 0,
        })
    }

    /// Index of the entry `name`; part names compare without case, as in OPC.
    fn index(&self, name: &str) -> Option<usize> {
        if let Some(i) = self.zip.index_for_name(name) {
            return Some(i);
        }
        self.zip
            .file_names()
            .find(|n| n.eq_ignore_ascii_case(name))
            .and_then(|n| self.zip.index_for_name(n))
    }

    pub(crate) fn has(&self, name: &str) -> bool {
        self.index(name).is_some()
    }

    /// Unpack entry `name`, or `None` when the archive has no such entry.
    pub(crate) fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ReadError> {
        let Some(idx) = self.index(name) else {
            return Ok(None);
        };
        let limits = &self.limits;
        let total = self.total;
        let zip = &mut self.zip;
        let result = catch_unwind(AssertUnwindSafe(|| read_entry(zip, idx, limits, total)));
        let data = match result {
            Ok(r) => r?,
            Err(_) => {
                return Err(ReadError::Corrupt(
                    "a part of the archive is damaged".into(),
                ));
            }
        };
        self.total = self.total.saturating_add(data.len() as u64);
        Ok(Some(data))
    }
}

fn too_many(n: u64, limits: &Limits) -> ReadError {
    ReadError::Hostile(format!(
        "the archive has too many entries ({}; the limit is {})",
        count(n),
        count(limits.max_entries as u64)
    ))
}

fn le_u16(bytes: &[u8], at: usize) -> Option<u16> {
    let b = bytes.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes(b.try_into().ok()?))
}

fn le_u64(bytes: &[u8], at: usize) -> Option<u64> {
    let b = bytes.get(at..at.checked_add(8)?)?;
    Some(u64::from_le_bytes(b.try_into().ok()?))
}

/// The entry count the end-of-central-directory record declares (zip64 aware), if found.
fn declared_entries(bytes: &[u8]) -> Option<u64> {
    // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
    let last = bytes.len().checked_sub(22)?;
    let first = last.saturating_sub(65_535);
    let eocd = (first..=last)
        .rev()
        .find(|&i| bytes.get(i..i + 4) == Some(b"PK\x05\x06".as_slice()))?;
    let n = le_u16(bytes, eocd + 10)?;
    if n != u16::MAX {
        return Some(u64::from(n));
    }
    // Zip64: a locator right before the record points at the zip64 record.
    let locator = eocd.checked_sub(20)?;
    if bytes.get(locator..locator + 4) != Some(b"PK\x06\x07".as_slice()) {
        return Some(u64::from(n));
    }
    let at = usize::try_from(le_u64(bytes, locator + 8)?).ok()?;
    if bytes.get(at..at.checked_add(4)?) != Some(b"PK\x06\x06".as_slice()) {
        return None;
    }
    le_u64(bytes, at.checked_add(32)?)
}

fn read_entry(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    idx: usize,
    limits: &Limits,
    total: u64,
) -> Result<Vec<u8>, ReadError> {
    let file = zip.by_index(idx).map_err(|e| zip_error(&e))?;
    if file.encrypted() {
        return Err(ReadError::Encrypted);
    }
    let declared = file.size();
    let compressed = file.compressed_size().max(1);
    if declared > limits.max_entry_bytes {
        return Err(ReadError::Hostile(format!(
            "a part unpacks to {} (the limit is {})",
            megabytes(declared),
            megabytes(limits.max_entry_bytes)
        )));
    }
    if declared > RATIO_FLOOR && declared / compressed > limits.max_ratio {
        return Err(ReadError::Hostile(
            "a part is compressed suspiciously well (zip bomb)".into(),
        ));
    }
    if total.saturating_add(declared) > limits.max_total_bytes {
        return Err(ReadError::Hostile(format!(
            "the archive unpacks to more than {} (the limit)",
            megabytes(limits.max_total_bytes)
        )));
    }
    // Read at most one byte more than declared, to catch an entry that lies about its size.
    let mut capped = file.take(declared.saturating_add(1));
    let mut out = Vec::with_capacity(usize::try_from(declared.min(1 << 20)).unwrap_or(0));
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = match capped.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => {
                return Err(ReadError::Corrupt(
                    "a part of the archive is damaged".into(),
                ));
            }
        };
        out.extend_from_slice(chunk.get(..n).unwrap_or_default());
        let got = out.len() as u64;
        if got > declared {
            return Err(ReadError::Hostile(
                "a part is larger than the archive says (zip bomb)".into(),
            ));
        }
        if got > RATIO_FLOOR && got / compressed > limits.max_ratio {
            return Err(ReadError::Hostile(
                "a part is compressed suspiciously well (zip bomb)".into(),
            ));
        }
    }
    Ok(out)
}
