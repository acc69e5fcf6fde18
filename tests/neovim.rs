//! A real editor as client: headless Neovim (Debian package `neovim`) starts
//! `plainly lsp`, receives diagnostics, asks for a hover and code actions.
//! Skips with a reason where Neovim is absent.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn neovim_shows_plainly_diagnostics() {
    let Some(nvim) = std::env::var_os("PATH").and_then(|p| {
        std::env::split_paths(&p)
            .map(|d| d.join("nvim"))
            .find(|p| p.is_file())
    }) else {
        eprintln!("skipped: no nvim on PATH (Debian package `neovim`)");
        return;
    };
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let dir = std::env::temp_dir().join(format!("plainly-nvim-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("lettre.md");
    std::fs::write(
        &file,
        "# Votre demande\n\nVeuillez trouver ci-joint le formulaire C4 dûment complété, lequel doit être renvoyé au bureau du chômage compétent dans un délai de quinze jours à compter de la réception de la présente.\n",
    )
    .unwrap();
    let out = dir.join("seen.txt");
    let mut child = Command::new(nvim)
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!(
            "luafile {}",
            root.join("tests/neovim/client.lua").display()
        ))
        .env("PLAINLY_NVIM_OUT", &out)
        .env("PLAINLY_BIN", env!("CARGO_BIN_EXE_plainly"))
        .env("PLAINLY_FILE", &file)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(90);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("neovim did not finish in 90 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let seen = std::fs::read_to_string(&out).unwrap_or_default();
    println!("{seen}");
    assert!(seen.contains("diagnostics-arrived: true"), "{seen}");
    assert!(seen.contains("sentence-length"), "{seen}");
    assert!(seen.contains("diagnostic: 2:0"), "{seen}");
    assert!(seen.contains("hover: "), "{seen}");
    assert!(seen.contains("action: "), "{seen}");
    let _ = std::fs::remove_dir_all(&dir);
}
