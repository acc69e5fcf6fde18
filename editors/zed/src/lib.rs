//! Zed runs `plainly lsp` (found on the PATH of the worktree's shell) for the languages
//! listed in extension.toml.
use zed_extension_api::{self as zed, LanguageServerId, Result};

struct Plainly;

impl zed::Extension for Plainly {
    fn new() -> Self {
        Plainly
    }

    fn language_server_command(
        &mut self,
        _language_server_id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        let command = worktree.which("plainly").ok_or_else(|| {
            "plainly is not on PATH: install it with `cargo install --locked --path cli`"
                .to_string()
        })?;
        Ok(zed::Command {
            command,
            args: vec!["lsp".into()],
            env: worktree.shell_env(),
        })
    }
}

zed::register_extension!(Plainly);
