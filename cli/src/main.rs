//! `plainly`: a plain-language linter for administrative letters, decision notices and
//! brochures.

mod load;
mod locate;
mod output;
mod score;

use anyhow::Result;
use clap::{Parser, Subcommand, ValueEnum};
use load::{Checked, Options};
use plainly_readers::Limits;
use plainly_rules::{Audience, Engine, Settings, Severity};
use plainly_text::Lang;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit status: no finding at or above `--fail-on`.
const EXIT_CLEAN: u8 = 0;
/// Exit status: findings at or above `--fail-on`.
const EXIT_FINDINGS: u8 = 1;
/// Exit status: usage error or a file that could not be read.
const EXIT_ERROR: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "plainly",
    version,
    about = "A plain-language linter for administrative letters, decisions and brochures (fr, nl, de, en)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Debug, Clone)]
struct Common {
    /// Files or folders to check (.txt, .md, .docx, .odt).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Language of the documents (fr, nl, de, en); detected per paragraph when absent.
    #[arg(long)]
    lang: Option<String>,
    /// Audience profile: standard or easy-to-read (letter, decision, brochure = standard).
    #[arg(long, default_value = "standard")]
    profile: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Pretty)]
    format: FormatArg,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check documents and report findings.
    Check {
        #[command(flatten)]
        common: Common,
        /// Exit with status 1 when a finding is at or above this severity.
        #[arg(long, default_value = "warning")]
        fail_on: String,
        /// Show findings at or above this severity (default: all).
        #[arg(long, default_value = "hint")]
        min_severity: String,
        /// Print only findings, no summary lines.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Print the readability scores of documents.
    Score {
        #[command(flatten)]
        common: Common,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum FormatArg {
    Pretty,
    Json,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_ERROR } else { 0 });
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("plainly: {e:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn options(common: &Common) -> Result<Options> {
    let lang = common
        .lang
        .as_deref()
        .map(str::parse::<Lang>)
        .transpose()?;
    let audience: Audience = common.profile.parse().map_err(anyhow::Error::msg)?;
    Ok(Options {
        lang,
        settings: Settings::with_audience(audience),
        limits: Limits::default(),
    })
}

fn check_all(common: &Common, opts: &Options) -> Vec<Checked> {
    let engine = Engine::default();
    load::expand(&common.paths)
        .iter()
        .map(|p| load::check(&engine, p, opts))
        .collect()
}

fn run(cli: Cli) -> Result<u8> {
    let stdout = std::io::stdout();
    let color = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut out = stdout.lock();
    match cli.command {
        Command::Check {
            common,
            fail_on,
            min_severity,
            quiet,
        } => {
            let fail_on: Severity = fail_on.parse().map_err(anyhow::Error::msg)?;
            let min_severity: Severity = min_severity.parse().map_err(anyhow::Error::msg)?;
            let opts = options(&common)?;
            let files = check_all(&common, &opts);
            if files.is_empty() {
                anyhow::bail!("no file to check (plainly reads .txt, .md, .docx and .odt)");
            }
            match common.format {
                FormatArg::Json => writeln!(out, "{}", output::json::render(&files))?,
                FormatArg::Pretty => {
                    for c in &files {
                        let text = output::pretty::render(c, color, min_severity);
                        if quiet {
                            // Findings only: drop the per-file summary line.
                            let body = text.trim_end().rsplit_once('\n').map(|(a, _)| a);
                            if let Some(body) = body {
                                writeln!(out, "{body}")?;
                            }
                        } else {
                            write!(out, "{text}")?;
                        }
                    }
                    if !quiet {
                        writeln!(out, "{}", totals(&files))?;
                    }
                }
            }
            Ok(exit_code(&files, fail_on))
        }
        Command::Score { common } => {
            let opts = options(&common)?;
            let files = check_all(&common, &opts);
            if files.is_empty() {
                anyhow::bail!("no file to score (plainly reads .txt, .md, .docx and .odt)");
            }
            match common.format {
                FormatArg::Json => writeln!(out, "{}", score::json(&files))?,
                FormatArg::Pretty => write!(out, "{}", score::table(&files))?,
            }
            let failed = files.iter().any(|c| c.outcome.is_err());
            Ok(if failed { EXIT_ERROR } else { EXIT_CLEAN })
        }
    }
}

fn exit_code(files: &[Checked], fail_on: Severity) -> u8 {
    if files.iter().any(|c| c.outcome.is_err()) {
        return EXIT_ERROR;
    }
    let failing = files.iter().any(|c| {
        c.outcome
            .as_ref()
            .is_ok_and(|(_, r)| r.findings.iter().any(|f| f.severity >= fail_on))
    });
    if failing { EXIT_FINDINGS } else { EXIT_CLEAN }
}

fn totals(files: &[Checked]) -> String {
    let failed = files.iter().filter(|c| c.outcome.is_err()).count();
    let findings: usize = files
        .iter()
        .filter_map(|c| c.outcome.as_ref().ok())
        .map(|(_, r)| r.findings.len())
        .sum();
    format!(
        "\n{} file{} checked, {} could not be read, {} finding{}",
        files.len(),
        if files.len() == 1 { "" } else { "s" },
        failed,
        findings,
        if findings == 1 { "" } else { "s" }
    )
}
