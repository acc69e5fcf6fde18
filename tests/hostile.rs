//! Hostile input, end to end: the `plainly` binary on every file of the shared stress corpus
//! (`../shared/corpus/readers-stress`) and on generated bombs, with fixed limits
//! (`--max-file-mb 200 --time-limit 10`). For each run: the outcome (exit status and the
//! one line that says why a file was refused), wall time and peak RSS of the child (from
//! `/usr/bin/time -v` when it is there). Prints a table; asserts that bad files exit 2 with
//! one clear line, good ones 0 or 1, every run under 30 s and under 1 GiB.
//!
//! The readers' own stress tables (`readers/tests/stress_office.rs`, `stress_pdf.rs`) test
//! the same kinds of bombs at the library level; this one tests what a user sees.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_plainly");
const LIMITS: [&str; 4] = ["--max-file-mb", "200", "--time-limit", "10"];
const MAX_WALL: Duration = Duration::from_secs(30);
const MAX_RSS_KIB: u64 = 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    /// Read and checked: exit 0 or 1.
    Good,
    /// Refused: exit 2 with one line saying why.
    Bad,
    /// Either, as long as it is one of the two, cleanly.
    Either,
}

#[derive(Debug)]
struct Run {
    name: String,
    expect: Expect,
    status: Option<i32>,
    wall: Duration,
    rss_kib: Option<u64>,
    why: String,
    stderr: String,
}

fn run(name: &str, expect: Expect, args: &[&str], file: &Path) -> Run {
    let tmp = std::env::temp_dir().join(format!(
        "plainly-hostile-time-{}-{name}",
        std::process::id()
    ));
    let use_time = Path::new("/usr/bin/time").exists();
    let mut cmd = if use_time {
        let mut c = Command::new("/usr/bin/time");
        c.arg("-v").arg("-o").arg(&tmp).arg(BIN);
        c
    } else {
        Command::new(BIN)
    };
    // Output goes to files: a pipe nobody reads would block a talkative run.
    let out_path = tmp.with_extension("out");
    let err_path = tmp.with_extension("err");
    cmd.arg("check")
        .args(args)
        .arg(file)
        .current_dir(file.parent().unwrap())
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap());
    let started = Instant::now();
    let mut child = cmd.spawn().unwrap();
    // Never let a hang hang the test: kill after twice the allowed time.
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break Some(s);
        }
        if started.elapsed() > 2 * MAX_WALL {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let wall = started.elapsed();
    // The pretty report says why a file was refused on standard output, errors of plainly
    // itself go to standard error: read both.
    let stdout = std::fs::read_to_string(&out_path).unwrap_or_default();
    let stderr = std::fs::read_to_string(&err_path).unwrap_or_default();
    let _ = std::fs::remove_file(&out_path);
    let _ = std::fs::remove_file(&err_path);
    let stderr = format!("{stderr}{stdout}");
    let rss_kib = std::fs::read_to_string(&tmp).ok().and_then(|t| {
        t.lines()
            .find(|l| l.contains("Maximum resident set size"))
            .and_then(|l| l.rsplit(':').next())
            .and_then(|v| v.trim().parse().ok())
    });
    let _ = std::fs::remove_file(&tmp);
    // `/usr/bin/time` reports a signal as "Command terminated by signal N" and exits with
    // the child's status otherwise.
    let code = status.and_then(|s| s.code());
    let why = error_lines(&stderr)
        .first()
        .map(|l| {
            l.split_once("cannot check: ")
                .map_or(l.as_str(), |(_, w)| w)
                .to_string()
        })
        .unwrap_or_default();
    Run {
        name: name.to_string(),
        expect,
        status: code,
        wall,
        rss_kib,
        why,
        stderr,
    }
}

/// The lines that say a file could not be read (or that plainly failed).
fn error_lines(output: &str) -> Vec<String> {
    output
        .lines()
        .map(str::trim)
        .filter(|l| {
            l.contains("cannot check") || l.starts_with("plainly:") || l.contains("panicked")
        })
        .map(str::to_string)
        .collect()
}

fn corpus() -> Option<PathBuf> {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/readers-stress");
    d.is_dir().then_some(d)
}

/// What each stress-corpus file must give (the readers' tables say why).
fn corpus_expect(name: &str) -> Expect {
    match name {
        // Encrypted (password to open) and truncated packages.
        "tika_testODTEncrypted.odt"
        | "tika_testWORD_protected_passtika.docx"
        | "tika_testWORD_truncated.docx" => Expect::Bad,
        // A user-password PDF (AES-256), and a scan without a text layer.
        "issue21579.pdf" | "blg-1007826.pdf" => Expect::Bad,
        // A JBIG2 image bomb with no text layer, and a PDF that lies about itself: refusing
        // or reading what text there is are both right, crashing or hanging is not.
        "bomb_giant.pdf" | "IAmWrongPDF.pdf" => Expect::Either,
        _ => Expect::Good,
    }
}

// --- generated inputs ---------------------------------------------------------------

fn crc32(data: &[u8], mut crc: u32) -> u32 {
    let table: Vec<u32> = (0..256u32)
        .map(|n| {
            (0..8).fold(n, |c, _| {
                if c & 1 == 1 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                }
            })
        })
        .collect();
    crc = !crc;
    for &b in data {
        crc = table[((crc ^ u32::from(b)) & 0xff) as usize] ^ (crc >> 8);
    }
    !crc
}

struct Entry {
    name: &'static str,
    method: u16,
    crc: u32,
    size: u32,
    data: Vec<u8>,
}

impl Entry {
    fn stored(name: &'static str, data: &[u8]) -> Self {
        Entry {
            name,
            method: 0,
            crc: crc32(data, 0),
            size: data.len() as u32,
            data: data.to_vec(),
        }
    }
}

/// A zip archive of `entries` (enough of the format for DOCX readers).
fn zip(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend(sig.to_le_bytes());
            if central {
                h.extend(20u16.to_le_bytes());
            }
            h.extend(20u16.to_le_bytes());
            h.extend(0u16.to_le_bytes());
            h.extend(e.method.to_le_bytes());
            h.extend([0, 0, 0x21, 0]);
            h.extend(e.crc.to_le_bytes());
            h.extend((e.data.len() as u32).to_le_bytes());
            h.extend(e.size.to_le_bytes());
            h.extend((e.name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes());
            if central {
                // Comment length, disk, internal and external attributes, then the offset.
                h.extend([0u8; 10]);
                h.extend(offset.to_le_bytes());
            }
            h.extend(e.name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(&e.data);
        central.extend(header(0x0201_4b50, true));
    }
    let cd_offset = out.len() as u32;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// Writes bits the way deflate packs them (least significant first).
#[derive(Default)]
struct Bits {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl Bits {
    fn put(&mut self, value: u32, len: u32) {
        self.acc |= u64::from(value) << self.n;
        self.n += len;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }
    /// A Huffman code, most significant bit first.
    fn code(&mut self, code: u32, len: u32) {
        let rev = (0..len).fold(0, |r, i| r | (((code >> i) & 1) << (len - 1 - i)));
        self.put(rev, len);
    }
    fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

/// A deflate stream of `1 + 258 * k` zero bytes (a literal, then k copies of 258 bytes at
/// distance 1, with the fixed Huffman codes): about 13 bits for every 258 bytes.
fn deflate_zeros(k: usize) -> (Vec<u8>, u64) {
    let mut b = Bits::default();
    b.put(1, 1); // final block
    b.put(1, 2); // fixed Huffman codes
    b.code(0x30, 8); // literal 0
    for _ in 0..k {
        b.code(0b1100_0101, 8); // length code 285: 258 bytes
        b.code(0, 5); // distance code 0: distance 1
    }
    b.code(0, 7); // end of block
    (b.finish(), 1 + 258 * k as u64)
}

fn crc_of_zeros(n: u64) -> u32 {
    let chunk = vec![0u8; 1 << 20];
    let mut crc = 0;
    let mut left = n;
    while left > 0 {
        let take = left.min(chunk.len() as u64) as usize;
        crc = crc32(&chunk[..take], crc);
        left -= take as u64;
    }
    crc
}

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn docx(document_xml: &str) -> Vec<u8> {
    zip(&[Entry::stored("word/document.xml", document_xml.as_bytes())])
}

/// `word/document.xml` of 200 MiB of zeros, deflated to about 1.3 MB.
fn zip_bomb() -> Vec<u8> {
    let (data, size) = deflate_zeros(200 * 1024 * 1024 / 258);
    zip(&[Entry {
        name: "word/document.xml",
        method: 8,
        crc: crc_of_zeros(size),
        size: size as u32,
        data,
    }])
}

fn billion_laughs() -> Vec<u8> {
    let mut s = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
    let mut prev = "lol".to_string();
    for i in 1..10 {
        let name = format!("lol{i}");
        s.push_str(&format!(
            " <!ENTITY {name} \"{}\">\n",
            format!("&{prev};").repeat(10)
        ));
        prev = name;
    }
    s.push_str(&format!(
        "]>\n<w:document xmlns:w=\"{W_NS}\"><w:body><w:p><w:r><w:t>&{prev};</w:t></w:r></w:p></w:body></w:document>"
    ));
    docx(&s)
}

fn deep_nesting(depth: usize) -> Vec<u8> {
    docx(&format!(
        r#"<w:document xmlns:w="{W_NS}"><w:body>{}<w:p><w:r><w:t>deep</w:t></w:r></w:p>{}</w:body></w:document>"#,
        "<w:sdt><w:sdtContent>".repeat(depth / 2),
        "</w:sdtContent></w:sdt>".repeat(depth / 2)
    ))
}

/// A PDF whose page tree loops (2 → 3 → 2) beside one real page.
fn pdf_cycle() -> Vec<u8> {
    let content = "BT /F1 12 Tf 72 720 Td (We have received your request. You do not need to do anything.) Tj ET";
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>".to_string(),
        "<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /Font << /F1 6 0 R >> >> >>"
            .to_string(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    common::pdf_file(&objects)
}

/// 100 MB of letter text (a real paragraph, repeated in blank-line separated blocks).
fn big_text(path: &Path) {
    let para = "Nous avons bien reçu votre demande du 3 mars. Vous ne devez rien faire : nous vous \
                écrirons dès que votre dossier sera complet. Pour toute question, appelez-nous au \
                02 123 45 67 du lundi au vendredi.\n\n";
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut n = 0;
    while n < 100_000_000 {
        f.write_all(para.as_bytes()).unwrap();
        n += para.len();
    }
    f.flush().unwrap();
}

fn table(runs: &[Run]) -> String {
    let mut s = String::from(
        "| input | expected | exit | time (s) | peak RSS (MiB) | outcome |\n|---|---|---|---|---|---|\n",
    );
    for r in runs {
        s.push_str(&format!(
            "| {} | {:?} | {} | {:.2} | {} | {} |\n",
            r.name,
            r.expect,
            r.status.map_or("killed".into(), |c| c.to_string()),
            r.wall.as_secs_f64(),
            r.rss_kib
                .map_or("—".into(), |k| format!("{:.0}", k as f64 / 1024.0)),
            if r.why.is_empty() {
                "read and checked".into()
            } else {
                r.why.replace('|', "\\|")
            }
        ));
    }
    s
}

#[test]
fn hostile_inputs_are_refused_quickly_and_good_ones_read() {
    let dir = std::env::temp_dir().join(format!("plainly-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut runs = Vec::new();

    // A good letter first: the control.
    let good = dir.join("good.md");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/letters/fr/chomage-refus.plain.md"),
        &good,
    )
    .unwrap();
    runs.push(run(
        "fixture letter (control)",
        Expect::Good,
        &LIMITS,
        &good,
    ));

    match corpus() {
        Some(c) => {
            let mut files: Vec<PathBuf> = std::fs::read_dir(&c)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            files.sort();
            for f in files {
                let name = f.file_name().unwrap().to_string_lossy().into_owned();
                runs.push(run(&name, corpus_expect(&name), &LIMITS, &f));
            }
        }
        None => eprintln!("../shared/corpus/readers-stress is absent: corpus rows skipped"),
    }

    let generated: Vec<(&str, &str, Vec<u8>)> = vec![
        (
            "zip bomb (200 MiB entry, 1.3 MB file)",
            "bomb.docx",
            zip_bomb(),
        ),
        ("billion laughs in a DOCX", "laughs.docx", billion_laughs()),
        (
            "100,000-deep nesting in a DOCX",
            "deep.docx",
            deep_nesting(100_000),
        ),
    ];
    for (name, file, bytes) in generated {
        let p = dir.join(file);
        std::fs::write(&p, bytes).unwrap();
        runs.push(run(name, Expect::Bad, &LIMITS, &p));
    }
    let p = dir.join("cycle.pdf");
    std::fs::write(&p, pdf_cycle()).unwrap();
    runs.push(run(
        "PDF page tree with a cycle",
        Expect::Either,
        &LIMITS,
        &p,
    ));

    let big = dir.join("big.txt");
    big_text(&big);
    runs.push(run(
        "100 MB text, --max-file-mb 50",
        Expect::Bad,
        &["--max-file-mb", "50", "--time-limit", "10"],
        &big,
    ));
    runs.push(run(
        "100 MB text, --max-file-mb 200",
        Expect::Either,
        &LIMITS,
        &big,
    ));
    let _ = std::fs::remove_dir_all(&dir);

    let t = table(&runs);
    println!("{t}");
    let mut problems = Vec::new();
    for r in &runs {
        let lines = error_lines(&r.stderr);
        let ok = match (r.expect, r.status) {
            (_, None) => false,
            (Expect::Good, Some(c)) => c == 0 || c == 1,
            (Expect::Bad, Some(c)) => c == 2 && lines.len() == 1,
            (Expect::Either, Some(c)) => c == 0 || c == 1 || (c == 2 && lines.len() == 1),
        };
        if !ok {
            problems.push(format!(
                "{}: exit {:?}, stderr:\n{}",
                r.name, r.status, r.stderr
            ));
        }
        if r.wall > MAX_WALL {
            problems.push(format!("{}: took {:?}", r.name, r.wall));
        }
        if r.rss_kib.is_some_and(|k| k > MAX_RSS_KIB) {
            problems.push(format!(
                "{}: peak RSS {} KiB",
                r.name,
                r.rss_kib.unwrap_or(0)
            ));
        }
    }
    // The 50 MB limit refuses a 100 MB file before reading it: quickly.
    if let Some(r) = runs.iter().find(|r| r.name.contains("--max-file-mb 50"))
        && r.wall > Duration::from_secs(2)
    {
        problems.push(format!("{}: refusing by size took {:?}", r.name, r.wall));
    }
    assert!(problems.is_empty(), "{t}\n{}", problems.join("\n"));
}
