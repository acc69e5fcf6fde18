//! A real editor as client: Emacs with eglot (Debian packages `emacs-nox` and
//! `elpa-eglot`), in batch mode, with the set-up of docs/editors.md. It opens a letter,
//! sees the diagnostics in Flymake, applies fixes through `eglot-code-actions`, and shuts
//! the server down (tests/emacs/client.el). Skips with a reason where Emacs or eglot is
//! absent.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|p| {
        std::env::split_paths(&p)
            .map(|d| d.join(name))
            .find(|p| p.is_file())
    })
}

/// Whether this Emacs can load eglot (built in from Emacs 29, a package before).
fn has_eglot(emacs: &Path, home: &Path) -> bool {
    Command::new(emacs)
        .args(["--batch", "-Q", "--eval"])
        .arg(
            "(unless (require 'eglot nil t) (require 'package) \
             (add-to-list 'package-directory-list \"/usr/share/emacs/site-lisp/elpa\") \
             (package-initialize) (require 'eglot))",
        )
        .env("HOME", home)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

const LETTER: &str = "# Votre demande\n\n📎 Veuillez trouver ci-joint le formulaire C4 dûment complété, lequel doit être renvoyé au bureau du chômage compétent dans un délai de quinze jours à compter de la réception de la présente.\n";

#[test]
fn emacs_eglot_shows_diagnostics_and_applies_fixes() {
    let Some(emacs) = on_path("emacs") else {
        eprintln!("skipped: no emacs on PATH (Debian packages `emacs-nox elpa-eglot`)");
        return;
    };
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let dir = std::env::temp_dir().join(format!("plainly-emacs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let home = dir.join("home");
    std::fs::create_dir_all(&home).unwrap();
    if !has_eglot(&emacs, &home) {
        eprintln!("skipped: this Emacs cannot load eglot (Debian package `elpa-eglot`)");
        let _ = std::fs::remove_dir_all(&dir);
        return;
    }
    let file = dir.join("lettre.md");
    std::fs::write(&file, LETTER).unwrap();
    let out = dir.join("seen.txt");
    let mut child = Command::new(&emacs)
        .args(["--batch", "-Q", "-l"])
        .arg(root.join("tests/emacs/client.el"))
        .current_dir(&dir)
        .env("PLAINLY_EMACS_OUT", &out)
        .env("PLAINLY_BIN", env!("CARGO_BIN_EXE_plainly"))
        .env("PLAINLY_FILE", &file)
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("emacs did not finish in 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let seen = std::fs::read_to_string(&out).unwrap_or_default();
    println!("{seen}");
    assert!(status.success(), "emacs failed: {status}\n{seen}");
    let has = |line: &str| seen.lines().any(|l| l == line);
    let starts = |prefix: &str| seen.lines().any(|l| l.starts_with(prefix));
    assert!(has("managed: t"), "eglot manages the buffer\n{seen}");
    assert!(has("server: plainly"), "{seen}");
    // eglot 1.9 offers no positionEncodings: the server says UTF-16.
    assert!(has("position-encoding: utf-16"), "{seen}");
    assert!(has("diagnostics-arrived: t"), "{seen}");
    // Flymake shows the rule id and the French message, on the right words: after the
    // emoji (2 UTF-16 units, 1 Emacs character) and the accented words before it.
    assert!(
        starts(
            "diagnostic: 3:148 eglot-warning \"à compter de\" plainly [admin-cliche]: « à compter de » : « À partir de » est le mot de tous les jours."
        ),
        "{seen}"
    );
    assert!(
        starts(
            "diagnostic: 3:2 eglot-warning \"Veuillez trouver ci-joint\" plainly [admin-cliche]"
        ),
        "{seen}"
    );
    assert!(starts("hover: **"), "{seen}");
    assert!(has("action: Remplacer par « à partir de »"), "{seen}");
    assert!(
        has("action: Ignorer « admin-cliche » pour cette ligne"),
        "{seen}"
    );
    // The fix chosen in the minibuffer changed the buffer, and so did a second one asked
    // for straight after the first edit.
    assert!(
        starts("text-after-fix: 📎 Veuillez")
            && seen.contains("quinze jours à partir de la réception de la présente."),
        "{seen}"
    );
    assert!(
        seen.contains(
            "text-after-second-fix: 📎 Veuillez trouver ci-joint le formulaire C4 dûment complété, lequel doit être renvoyé au bureau du chômage compétent dans un délai de quinze jours à partir de la réception de cette lettre.\n"
        ),
        "{seen}"
    );
    assert!(has("stale-finding-gone: t"), "{seen}");
    assert!(
        has("directive-line: <!-- plainly-disable-next-line admin-cliche -->"),
        "{seen}"
    );
    assert!(has("shutdown-answered: t"), "{seen}");
    assert!(has("server-exited: t"), "{seen}");
    assert!(!starts("error:"), "{seen}");
    let _ = std::fs::remove_dir_all(&dir);
}
