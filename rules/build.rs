//! Embeds every message catalogue of `lexicons/messages/*.toml` (one file per rule, one
//! table per language) so that adding a rule's messages needs no code change, and every
//! built-in rule pack of `lexicons/packs/*.toml` (see `src/packs/`), and every lexicon entry
//! file of `lexicons/<lang>/terms/*.toml`.
//!
//! Freshness: the script names each folder it reads with `cargo::rerun-if-changed`. For a
//! folder, cargo compares the newest modification time of everything inside it (checked
//! recursively), and a folder's own time changes when a file is added, removed or renamed:
//! so a new, edited or deleted file re-runs the script without `touch build.rs`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let lexicons = Path::new(env!("CARGO_MANIFEST_DIR")).join("../lexicons");
    embed(
        &lexicons.join("messages"),
        "catalogues.rs",
        "/// (rule id, catalogue text) for every message file.\npub static CATALOGUES: &[(&str, &str)] = &[\n",
    );
    // `packs.rs`: (file stem, pack text) for every built-in pack, sorted by file name.
    embed(
        &lexicons.join("packs"),
        "packs.rs",
        "/// (file stem, pack text) for every built-in pack.\npub static PACKS: &[(&str, &str)] = &[\n",
    );
    terms();
}

/// The `*.toml` files of `dir`, sorted by name; none if it cannot be read. Names `dir` with
/// `cargo::rerun-if-changed`.
fn toml_files(dir: &Path) -> Vec<PathBuf> {
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Writes `out`, `$OUT_DIR/<name>`; a failure is a cargo warning.
fn write_out(name: &str, out: &str) {
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join(name);
    if let Err(e) = std::fs::write(&dest, out) {
        println!("cargo::warning=cannot write {}: {e}", dest.display());
    }
}

/// `$OUT_DIR/<name>`: `head`, then a `(file stem, include_str!(file))` line for every
/// `*.toml` file of `dir`, sorted by file name, then `];`.
fn embed(dir: &Path, name: &str, head: &str) {
    let mut out = String::from(head);
    for f in &toml_files(dir) {
        let stem = f.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let path = f.canonicalize().unwrap_or_else(|_| f.clone());
        let _ = writeln!(
            out,
            "    ({stem:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    out.push_str("];\n");
    write_out(name, &out);
}

/// `terms.rs`: (language, file name, text) for every lexicon entry file
/// `lexicons/<lang>/terms/*.toml` (see `src/lexicon/`), sorted by language and file name.
fn terms() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../lexicons");
    let mut out = String::from(
        "/// (language, file name, text) for every lexicon entry file.\npub static TERM_FILES: &[(&str, &str, &str)] = &[\n",
    );
    for lang in ["de", "en", "fr", "nl"] {
        let dir = root.join(lang).join("terms");
        for f in &toml_files(&dir) {
            let name = f.file_name().and_then(|s| s.to_str()).unwrap_or_default();
            let path = f.canonicalize().unwrap_or_else(|_| f.clone());
            let _ = writeln!(
                out,
                "    ({lang:?}, {name:?}, include_str!({:?})),",
                path.display().to_string()
            );
        }
    }
    out.push_str("];\n");
    write_out("terms.rs", &out);
}
