//! `plainly rules test PACK`: run a rule pack's examples and say which pass.
//!
//! `PACK` is a pack file, or the id of a built-in pack (`consistency`). Prints one line
//! per example and a summary; the status is 0 when every example passes and every rule
//! has an example that triggers and one that stays quiet, 1 otherwise. A pack that does
//! not load is an error (`file:line: message`, status 2 from `main`).

use anyhow::{Result, bail};
use plainly_rules::packs::{self, Pack};
use std::io::Write;
use std::path::Path;

/// Test the pack at `path` (or the built-in pack of that id), print the results to
/// standard output, and return the exit status.
pub fn test_pack(path: &Path) -> Result<u8> {
    let mut out = std::io::stdout().lock();
    test_pack_to(path, &mut out)
}

/// [`test_pack`], writing to `out`.
pub fn test_pack_to(path: &Path, out: &mut impl Write) -> Result<u8> {
    let loaded;
    let pack: &Pack = if path.exists() {
        loaded = Pack::load(path)?;
        &loaded
    } else if let Some(p) = path.to_str().and_then(packs::builtin_pack) {
        p
    } else {
        let ids: Vec<&str> = packs::builtin().iter().map(|p| p.id.as_str()).collect();
        bail!(
            "{}: no such pack file, nor a built-in pack (built-in packs: {})",
            path.display(),
            ids.join(", ")
        );
    };
    let result = pack.test();
    out.write_all(result.report().as_bytes())?;
    out.flush()?;
    Ok(result.exit_code())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn write_pack(name: &str, example_text: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("plainly-packs-cmd-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        let text = format!(
            "[pack]\nid = \"house\"\ndescription = \"Test.\"\nlanguages = [\"fr\"]\n\n\
             [[rule]]\nid = \"plain\"\nkind = \"substitution\"\n\
             message = \"Écrivez « {{alternative}} ».\"\nswap = {{ \"en date du\" = \"du\" }}\n\n\
             [[rule.example]]\ntext = \"{example_text}\"\ntriggers = true\n\n\
             [[rule.example]]\ntext = \"La lettre du 3 mars.\"\ntriggers = false\n"
        );
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn passing_and_failing_packs() {
        let good = write_pack("good.toml", "La lettre en date du 3 mars.");
        let mut out = Vec::new();
        assert_eq!(test_pack_to(&good, &mut out).unwrap(), 0);
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("2 passed, 0 failed"), "{text}");

        let bad = write_pack("bad.toml", "La lettre du 3 mars.");
        let mut out = Vec::new();
        assert_eq!(test_pack_to(&bad, &mut out).unwrap(), 1);
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("FAIL"), "{text}");
        assert!(text.contains("bad.toml:12"), "{text}");
    }

    #[test]
    fn builtin_packs_by_id_and_broken_packs() {
        let mut out = Vec::new();
        assert_eq!(test_pack_to(Path::new("consistency"), &mut out).unwrap(), 0);
        assert!(test_pack_to(Path::new("no-such-pack"), &mut Vec::new()).is_err());
        let broken = write_pack("broken.toml", "x").with_file_name("broken2.toml");
        std::fs::write(
            &broken,
            "[pack]\nid = \"x\"\ndescription = \"d\"\n\n[[rule]]\nid = \"a\"\nkind = \"nope\"\n",
        )
        .unwrap();
        let e = test_pack_to(&broken, &mut Vec::new()).unwrap_err();
        assert!(e.to_string().ends_with("broken2.toml:7: unknown kind 'nope': use existence, substitution, occurrence, repetition, consistency, conditional, metric"), "{e}");
    }
}
