//! A small XLSX writer and reader for workshop sheets: one sheet of text cells.
//!
//! Writing: inline strings, a bold frozen header row, wrapped text, column widths, and the
//! columns to fill in shaded. Reading: the workbook's first sheet, shared or inline strings,
//! as Excel and LibreOffice save them. Built on `zip` and `quick-xml`, which the readers
//! already use; every part read is bounded in size.

use quick_xml::Reader;
use quick_xml::events::Event;
use std::collections::HashMap;
use std::io::{Cursor, Read, Write};
use zip::write::SimpleFileOptions;

/// Largest part (uncompressed) read from a workbook.
const MAX_PART: u64 = 64 * 1024 * 1024;

/// Cell styles of the writer (indices into `cellXfs`).
const STYLE_TEXT: u8 = 1;
const STYLE_HEADER: u8 = 2;
const STYLE_FILL: u8 = 3;

const NS_MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Write one sheet: `rows[0]` is the header; columns whose index is in `fill` are shaded
/// (the ones a workshop fills in). `widths` are column widths in characters.
pub(crate) fn write(
    sheet_name: &str,
    rows: &[Vec<String>],
    widths: &[f64],
    fill: &[usize],
) -> Result<Vec<u8>, String> {
    let ncols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut sheet = String::with_capacity(rows.len() * 256);
    sheet.push_str(&format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"{NS_MAIN}\" xmlns:r=\"{NS_REL}\">"
    ));
    sheet.push_str("<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>");
    sheet.push_str("<sheetFormatPr defaultRowHeight=\"15\"/><cols>");
    for (i, w) in widths.iter().enumerate() {
        sheet.push_str(&format!(
            "<col min=\"{n}\" max=\"{n}\" width=\"{w:.1}\" customWidth=\"1\"/>",
            n = i + 1
        ));
    }
    sheet.push_str("</cols><sheetData>");
    for (r, row) in rows.iter().enumerate() {
        sheet.push_str(&format!("<row r=\"{}\">", r + 1));
        for c in 0..ncols {
            let value = row.get(c).map(String::as_str).unwrap_or("");
            let style = if r == 0 {
                STYLE_HEADER
            } else if fill.contains(&c) {
                STYLE_FILL
            } else {
                STYLE_TEXT
            };
            let cell = format!("{}{}", column_name(c), r + 1);
            if value.is_empty() {
                sheet.push_str(&format!("<c r=\"{cell}\" s=\"{style}\"/>"));
            } else {
                sheet.push_str(&format!(
                    "<c r=\"{cell}\" s=\"{style}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
                    escape(value)
                ));
            }
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");

    let content_types = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/><Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/></Types>";
    let rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
    let workbook = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook xmlns=\"{NS_MAIN}\" xmlns:r=\"{NS_REL}\"><sheets><sheet name=\"{}\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
        escape(sheet_name)
    );
    let workbook_rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>";
    let styles = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<styleSheet xmlns=\"{NS_MAIN}\">\
<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>\
<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill><fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFFFF2CC\"/><bgColor indexed=\"64\"/></patternFill></fill></fills>\
<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>\
<cellXfs count=\"4\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>\
<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf>\
<xf numFmtId=\"49\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyNumberFormat=\"1\" applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf>\
<xf numFmtId=\"49\" fontId=\"0\" fillId=\"2\" borderId=\"0\" xfId=\"0\" applyFill=\"1\" applyNumberFormat=\"1\" applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf></cellXfs>\
<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>"
    );

    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, body) in [
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", rels),
        ("xl/workbook.xml", workbook.as_str()),
        ("xl/_rels/workbook.xml.rels", workbook_rels),
        ("xl/styles.xml", styles.as_str()),
        ("xl/worksheets/sheet1.xml", sheet.as_str()),
    ] {
        zip.start_file(name, opts).map_err(|e| e.to_string())?;
        zip.write_all(body.as_bytes()).map_err(|e| e.to_string())?;
    }
    let cursor = zip.finish().map_err(|e| e.to_string())?;
    Ok(cursor.into_inner())
}

/// `A`, `B`, …, `Z`, `AA`, … for a 0-based column.
fn column_name(mut c: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// 0-based column of a cell reference (`C12` → 2).
fn column_index(r: &str) -> Option<usize> {
    let letters: String = r.chars().take_while(char::is_ascii_alphabetic).collect();
    if letters.is_empty() {
        return None;
    }
    let mut n: usize = 0;
    for b in letters.bytes() {
        n = n
            .checked_mul(26)?
            .checked_add(usize::from(b.to_ascii_uppercase() - b'A') + 1)?;
    }
    n.checked_sub(1)
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

fn read_part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, String> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    let mut bytes = Vec::new();
    file.take(MAX_PART + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_PART {
        return Err(format!("{name} is too large"));
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| format!("{name} is not UTF-8"))
}

fn attr(e: &quick_xml::events::BytesStart<'_>, local: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let key = a.key.as_ref();
        let key_local = key.rsplit(|b| *b == b':').next().unwrap_or(key);
        (key_local == local)
            .then(|| a.unescape_value().ok().map(|v| v.into_owned()))
            .flatten()
    })
}

/// The path of the workbook's first sheet.
fn first_sheet(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Result<String, String> {
    let fallback = "xl/worksheets/sheet1.xml".to_string();
    let Some(wb) = read_part(zip, "xl/workbook.xml")? else {
        return Ok(fallback);
    };
    let mut rid = None;
    let mut r = Reader::from_str(&wb);
    loop {
        match r.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"sheet" => {
                rid = attr(&e, b"id");
                break;
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(format!("xl/workbook.xml: {e}")),
            _ => {}
        }
    }
    let (Some(rid), Some(rels)) = (rid, read_part(zip, "xl/_rels/workbook.xml.rels")?) else {
        return Ok(fallback);
    };
    let mut r = Reader::from_str(&rels);
    loop {
        match r.read_event() {
            Ok(Event::Start(e) | Event::Empty(e))
                if e.local_name().as_ref() == b"Relationship"
                    && attr(&e, b"Id").as_deref() == Some(rid.as_str()) =>
            {
                let target = attr(&e, b"Target").unwrap_or_default();
                return Ok(match target.strip_prefix('/') {
                    Some(abs) => abs.to_string(),
                    None => format!("xl/{target}"),
                });
            }
            Ok(Event::Eof) => return Ok(fallback),
            Err(e) => return Err(format!("xl/_rels/workbook.xml.rels: {e}")),
            _ => {}
        }
    }
}

fn shared_strings(xml: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut r = Reader::from_str(xml);
    let (mut in_si, mut in_t, mut in_rph) = (false, false, false);
    let mut cur = String::new();
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                b"si" => {
                    in_si = true;
                    cur.clear();
                }
                b"t" => in_t = true,
                b"rPh" => in_rph = true,
                _ => {}
            },
            Ok(Event::Empty(e)) if e.local_name().as_ref() == b"si" => out.push(String::new()),
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                b"si" => {
                    in_si = false;
                    out.push(std::mem::take(&mut cur));
                }
                b"t" => in_t = false,
                b"rPh" => in_rph = false,
                _ => {}
            },
            Ok(Event::Text(t)) if in_si && in_t && !in_rph => {
                cur.push_str(&t.unescape().map_err(|e| e.to_string())?);
            }
            Ok(Event::CData(t)) if in_si && in_t && !in_rph => {
                cur.push_str(&String::from_utf8_lossy(&t));
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(format!("xl/sharedStrings.xml: {e}")),
            _ => {}
        }
    }
    Ok(out)
}

/// The cells of the workbook's first sheet, as text, row by row (missing cells empty).
pub(crate) fn read(bytes: &[u8]) -> Result<Vec<Vec<String>>, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("not an XLSX workbook: {e}"))?;
    let sheet_path = first_sheet(&mut zip)?;
    let strings = match read_part(&mut zip, "xl/sharedStrings.xml")? {
        Some(x) => shared_strings(&x)?,
        None => Vec::new(),
    };
    let Some(xml) = read_part(&mut zip, &sheet_path)? else {
        return Err(format!("the workbook has no sheet at {sheet_path}"));
    };
    let mut rows: HashMap<usize, Vec<String>> = HashMap::new();
    let mut r = Reader::from_str(&xml);
    let mut row_no: usize = 0;
    let mut next_row: usize = 0;
    let mut col: usize = 0;
    let mut kind = String::new();
    let mut value = String::new();
    let (mut in_cell, mut in_v, mut in_t, mut in_rph) = (false, false, false, false);
    let store = |rows: &mut HashMap<usize, Vec<String>>, row: usize, col: usize, v: String| {
        if v.is_empty() || col > 1000 {
            return;
        }
        let cells = rows.entry(row).or_default();
        if cells.len() <= col {
            cells.resize(col + 1, String::new());
        }
        if let Some(c) = cells.get_mut(col) {
            *c = v;
        }
    };
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                b"row" => {
                    row_no = attr(&e, b"r")
                        .and_then(|n| n.parse::<usize>().ok())
                        .map(|n| n.saturating_sub(1))
                        .unwrap_or(next_row);
                    next_row = row_no + 1;
                    col = 0;
                }
                b"c" => {
                    in_cell = true;
                    if let Some(c) = attr(&e, b"r").as_deref().and_then(column_index) {
                        col = c;
                    }
                    kind = attr(&e, b"t").unwrap_or_default();
                    value.clear();
                }
                b"v" => in_v = true,
                b"t" => in_t = true,
                b"rPh" => in_rph = true,
                _ => {}
            },
            Ok(Event::Empty(e)) if e.local_name().as_ref() == b"c" => {
                if let Some(c) = attr(&e, b"r").as_deref().and_then(column_index) {
                    col = c;
                }
                col += 1;
            }
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                b"c" => {
                    let v = match kind.as_str() {
                        "s" => value
                            .trim()
                            .parse::<usize>()
                            .ok()
                            .and_then(|i| strings.get(i).cloned())
                            .unwrap_or_default(),
                        "b" => match value.trim() {
                            "1" => "TRUE".into(),
                            "0" => "FALSE".into(),
                            v => v.into(),
                        },
                        _ => std::mem::take(&mut value),
                    };
                    store(&mut rows, row_no, col, v);
                    in_cell = false;
                    col += 1;
                }
                b"v" => in_v = false,
                b"t" => in_t = false,
                b"rPh" => in_rph = false,
                _ => {}
            },
            Ok(Event::Text(t)) if in_cell && (in_v || (in_t && !in_rph)) => {
                value.push_str(&t.unescape().map_err(|e| e.to_string())?);
            }
            Ok(Event::CData(t)) if in_cell && (in_v || (in_t && !in_rph)) => {
                value.push_str(&String::from_utf8_lossy(&t));
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(format!("{sheet_path}: {e}")),
            _ => {}
        }
    }
    let last = rows.keys().copied().max().map(|m| m + 1).unwrap_or(0);
    Ok((0..last)
        .map(|i| rows.remove(&i).unwrap_or_default())
        .collect())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn columns() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_index("AA12"), Some(26));
        assert_eq!(column_index("C3"), Some(2));
    }

    #[test]
    fn round_trip() {
        let rows = vec![
            vec!["id".to_string(), "mot".into(), "compris ?".into()],
            vec!["a-b".into(), "« ci-joint » & <co>".into(), String::new()],
            vec![String::new(), "deux\nlignes ".into(), "oui".into()],
        ];
        let bytes = write("fr", &rows, &[10.0, 30.0, 12.0], &[2]).unwrap();
        let back = read(&bytes).unwrap();
        assert_eq!(back[0], rows[0]);
        assert_eq!(
            back[1],
            vec!["a-b".to_string(), "« ci-joint » & <co>".into()]
        );
        assert_eq!(
            back[2],
            vec![String::new(), "deux\nlignes ".into(), "oui".into()]
        );
    }
}
