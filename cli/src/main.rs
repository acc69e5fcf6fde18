//! `plainly`: a plain-language linter for administrative letters, decision notices and
//! brochures.

mod baseline;
mod batch;
mod explain;
mod lexicon_cmd;
mod load;
mod locate;
mod output;
mod packs_cmd;
mod report;
mod score;

use anyhow::{Context, Result};
use batch::FileResult;
use clap::{Parser, Subcommand, ValueEnum};
use load::Overrides;
use plainly_readers::Limits;
use plainly_rules::{Audience, Engine, Severity};
use plainly_text::Lang;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit status: no finding at or above `--fail-on`.
const EXIT_CLEAN: u8 = 0;
/// Exit status: findings at or above `--fail-on` (or a score below `--min-score`).
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
    /// Files or folders to check (.txt, .md, .html, .docx, .odt, .pdf).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Language of the documents (fr, nl, de, en); detected per paragraph when absent.
    #[arg(long)]
    lang: Option<String>,
    /// Profile: standard, easy-to-read, letter, decision or brochure (default: from
    /// plainly.toml, else standard).
    #[arg(long)]
    profile: Option<String>,
    /// Use this configuration file instead of looking for plainly.toml.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Output format: pretty, json, sarif, junit, github, checkstyle, csv — repeatable;
    /// `NAME=FILE` writes that format to a file (e.g. `--format sarif=plainly.sarif`).
    #[arg(long, default_value = "pretty")]
    format: Vec<String>,
    /// Write the report to this file (the terminal keeps the human output).
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Largest file read, in megabytes.
    #[arg(long, default_value_t = 100)]
    max_file_mb: u64,
    /// Time limit per file, in seconds.
    #[arg(long, default_value_t = 30)]
    time_limit: u64,
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
        /// Exit with status 1 when a document's plain-language score is below this.
        #[arg(long)]
        min_score: Option<f64>,
        /// Show findings at or above this severity (default: all).
        #[arg(long, default_value = "hint")]
        min_severity: String,
        /// Hide the findings recorded in this baseline file.
        #[arg(long)]
        baseline: Option<PathBuf>,
        /// Record every finding in this baseline file (and exit 0).
        #[arg(long)]
        write_baseline: Option<PathBuf>,
        /// Print only findings, no summary lines.
        #[arg(long, short)]
        quiet: bool,
        /// CSV: one row per document instead of one per finding.
        #[arg(long)]
        summary: bool,
    },
    /// Print the readability scores of documents.
    Score {
        #[command(flatten)]
        common: Common,
    },
    /// Write an HTML report of a folder of documents, for people who will never open a
    /// terminal: ranked documents, charts, each text with its findings.
    Report {
        /// Files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The report file.
        #[arg(long, short, default_value = "plainly-report.html")]
        output: PathBuf,
        /// Language of the report itself (fr, nl, de, en).
        #[arg(long, default_value = "en")]
        lang: String,
        /// Language of the documents, when it should not be detected.
        #[arg(long)]
        doc_lang: Option<String>,
        /// Profile: standard, easy-to-read, letter, decision or brochure.
        #[arg(long)]
        profile: Option<String>,
        /// Use this configuration file instead of looking for plainly.toml.
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Run the language server over stdin/stdout (for editors).
    Lsp,
    /// List the rules, or test a rule pack (`plainly rules test PACK`).
    Rules {
        /// Language of the descriptions (fr, nl, de, en).
        #[arg(long, default_value = "en")]
        lang: String,
        #[command(subcommand)]
        action: Option<RulesAction>,
    },
    /// Work with the lexicons: export a workshop sheet, import its answers, check, count.
    Lexicon(lexicon_cmd::LexiconArgs),
    /// Explain a rule: what it finds, why it matters, examples.
    Explain {
        /// Rule id, as shown in findings (e.g. sentence-length).
        rule: String,
        /// Language of the explanation (fr, nl, de, en).
        #[arg(long, default_value = "en")]
        lang: String,
    },
    /// Print the configuration that applies to a file.
    Config {
        /// The file (or folder) whose configuration to show.
        #[arg(default_value = ".")]
        path: PathBuf,
        /// Use this configuration file instead of looking for plainly.toml.
        #[arg(long)]
        config: Option<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
enum RulesAction {
    /// Run a rule pack's own examples (a TOML file, or a built-in pack's id).
    Test {
        /// The pack file or built-in pack id.
        pack: PathBuf,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum FormatArg {
    Pretty,
    Json,
    Sarif,
    Junit,
    Github,
    Checkstyle,
    Csv,
}

/// Where each requested format goes: stdout (`None`) or a file.
fn output_plan(common: &Common) -> Result<Vec<(FormatArg, Option<PathBuf>)>> {
    let mut plan = Vec::new();
    for spec in &common.format {
        let (name, file) = match spec.split_once('=') {
            Some((n, f)) => (n, Some(PathBuf::from(f))),
            None => (spec.as_str(), None),
        };
        let kind = FormatArg::from_str(name, true).map_err(|_| {
            anyhow::anyhow!(
                "unknown format '{name}': use pretty, json, sarif, junit, github, checkstyle or csv"
            )
        })?;
        plan.push((kind, file));
    }
    if let Some(out) = &common.output {
        // `--output FILE` takes the last machine format that has no file of its own, and
        // the terminal keeps the human output.
        match plan
            .iter_mut()
            .rev()
            .find(|(k, f)| *k != FormatArg::Pretty && f.is_none())
        {
            Some(slot) => slot.1 = Some(out.clone()),
            None => anyhow::bail!(
                "--output needs a report format, e.g. --format sarif --output plainly.sarif"
            ),
        }
    }
    let to_stdout = plan.iter().filter(|(_, f)| f.is_none()).count();
    if to_stdout == 0 {
        plan.push((FormatArg::Pretty, None));
    } else if to_stdout > 1 {
        anyhow::bail!(
            "only one format can go to the terminal: give the others a file (--format sarif=FILE)"
        );
    }
    Ok(plan)
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

fn parse_lang(s: &str) -> Result<Lang> {
    Ok(s.parse::<Lang>()?)
}

fn overrides(common: &Common) -> Result<Overrides> {
    let lang = common.lang.as_deref().map(parse_lang).transpose()?;
    if let Some(p) = &common.profile {
        p.parse::<Audience>().map_err(anyhow::Error::msg)?;
    }
    Ok(Overrides {
        lang,
        profile: common.profile.clone(),
        limits: Limits {
            max_file_bytes: common.max_file_mb.saturating_mul(1024 * 1024),
            max_seconds: common.time_limit.max(1),
            ..Limits::default()
        },
    })
}

/// How a run renders and filters.
struct RunOptions<'a> {
    baseline: Option<&'a std::collections::HashSet<String>>,
    pretty: Option<(bool, Severity)>,
    progress: bool,
    keep_text: bool,
}

/// Check every file; `each` sees results as they come, in input order.
fn check_all(
    common: &Common,
    opts: &RunOptions<'_>,
    mut each: impl FnMut(&FileResult) -> Result<()>,
) -> Result<Vec<FileResult>> {
    let cli = overrides(common)?;
    let finder = plainly_rules::discover::Finder::new(common.config.as_deref())?;
    let engines = plainly_rules::Engines::default();
    let paths = load::expand(&common.paths, &finder);
    if paths.is_empty() {
        anyhow::bail!("no file to check (plainly reads .txt, .md, .html, .docx, .odt and .pdf)");
    }
    let job = batch::Job {
        engines: &engines,
        finder: &finder,
        overrides: &cli,
        baseline: opts.baseline,
        pretty: opts.pretty,
        keep_text: opts.keep_text,
    };
    let mut results = Vec::with_capacity(paths.len());
    let mut failure = None;
    batch::run(&paths, &job, opts.progress, |mut r| {
        if failure.is_none()
            && let Err(e) = each(&r)
        {
            failure = Some(e);
        }
        // The rendering was streamed: keep only what the summary needs.
        r.pretty = None;
        results.push(r);
    });
    match failure {
        Some(e) => Err(e),
        None => Ok(results),
    }
}

/// Progress bars only for people: on a terminal, not in CI, not with --quiet.
fn show_progress(quiet: bool) -> bool {
    !quiet && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none()
}

fn run(cli: Cli) -> Result<u8> {
    let stdout = std::io::stdout();
    let color = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut out = stdout.lock();
    match cli.command {
        Command::Check {
            common,
            fail_on,
            min_score,
            min_severity,
            baseline: baseline_file,
            write_baseline,
            quiet,
            summary,
        } => {
            let plan = output_plan(&common)?;
            let fail_on: Severity = fail_on.parse().map_err(anyhow::Error::msg)?;
            let min_severity: Severity = min_severity.parse().map_err(anyhow::Error::msg)?;
            let known = baseline_file.as_deref().map(baseline::read).transpose()?;
            let pretty = plan
                .iter()
                .any(|(k, f)| *k == FormatArg::Pretty && f.is_none())
                && write_baseline.is_none();
            let opts = RunOptions {
                baseline: known.as_ref(),
                pretty: pretty.then_some((color, min_severity)),
                progress: show_progress(quiet),
                keep_text: false,
            };
            let files = check_all(&common, &opts, |r| {
                if let Some(text) = &r.pretty {
                    if quiet {
                        // Findings only: drop the per-file summary line.
                        if let Some((body, _)) = text.trim_end().rsplit_once('\n') {
                            writeln!(out, "{body}")?;
                        }
                    } else {
                        write!(out, "{text}")?;
                    }
                }
                Ok(())
            })?;
            if let Some(path) = write_baseline {
                let n = baseline::write(&path, &files)?;
                writeln!(out, "{n} findings recorded in {}", path.display())?;
                let failed = files.iter().any(|c| c.outcome.is_err());
                return Ok(if failed { EXIT_ERROR } else { EXIT_CLEAN });
            }
            let engine = Engine::default();
            for (kind, file) in &plan {
                let text = match kind {
                    FormatArg::Pretty => {
                        if quiet || file.is_some() {
                            continue;
                        }
                        format!("{}\n", totals(&files))
                    }
                    FormatArg::Json => output::json::render(&files) + "\n",
                    FormatArg::Sarif => output::machine::sarif(&files, &engine) + "\n",
                    FormatArg::Junit => output::machine::junit(&files, fail_on),
                    FormatArg::Github => output::machine::github(&files),
                    FormatArg::Checkstyle => output::machine::checkstyle(&files),
                    FormatArg::Csv => output::machine::csv(&files, summary),
                };
                match file {
                    Some(path) => std::fs::write(path, text)
                        .with_context(|| format!("cannot write {}", path.display()))?,
                    None => write!(out, "{text}")?,
                }
            }
            Ok(exit_code(&files, fail_on, min_score))
        }
        Command::Score { common } => {
            let opts = RunOptions {
                baseline: None,
                pretty: None,
                progress: show_progress(false),
                keep_text: false,
            };
            let plan = output_plan(&common)?;
            let files = check_all(&common, &opts, |_| Ok(()))?;
            for (kind, file) in &plan {
                let text = match kind {
                    FormatArg::Json => score::json(&files) + "\n",
                    FormatArg::Csv => output::machine::csv(&files, true),
                    FormatArg::Pretty => score::table(&files),
                    _ => anyhow::bail!("plainly score writes pretty, json or csv"),
                };
                match file {
                    Some(path) => std::fs::write(path, text)
                        .with_context(|| format!("cannot write {}", path.display()))?,
                    None => write!(out, "{text}")?,
                }
            }
            let failed = files.iter().any(|c| c.outcome.is_err());
            Ok(if failed { EXIT_ERROR } else { EXIT_CLEAN })
        }
        Command::Report {
            paths,
            output,
            lang,
            doc_lang,
            profile,
            config,
        } => {
            let ui = parse_lang(&lang)?;
            let common = Common {
                paths,
                lang: doc_lang,
                profile,
                config,
                format: vec!["pretty".into()],
                output: None,
                max_file_mb: 100,
                time_limit: 30,
            };
            let opts = RunOptions {
                baseline: None,
                pretty: None,
                progress: show_progress(false),
                keep_text: true,
            };
            let files = check_all(&common, &opts, |_| Ok(()))?;
            let html = report::render(&files, ui);
            std::fs::write(&output, html)
                .with_context(|| format!("cannot write {}", output.display()))?;
            let failed = files.iter().filter(|r| r.outcome.is_err()).count();
            writeln!(
                out,
                "{}: {} documents, {} could not be read",
                output.display(),
                files.len(),
                failed
            )?;
            Ok(if failed > 0 { EXIT_ERROR } else { EXIT_CLEAN })
        }
        Command::Lsp => {
            drop(out);
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .context("cannot start the language server runtime")?;
            runtime.block_on(plainly_lsp::serve_stdio());
            // The stdin reader may still be blocked in a read: do not wait for it.
            runtime.shutdown_background();
            Ok(EXIT_CLEAN)
        }
        Command::Rules { lang, action } => match action {
            Some(RulesAction::Test { pack }) => {
                drop(out);
                packs_cmd::test_pack(&pack)
            }
            None => {
                write!(
                    out,
                    "{}",
                    explain::list(&Engine::default(), parse_lang(&lang)?)
                )?;
                Ok(EXIT_CLEAN)
            }
        },
        Command::Lexicon(args) => {
            drop(out);
            lexicon_cmd::run(args)
        }
        Command::Explain { rule, lang } => {
            let engine = Engine::default();
            let text = explain::explain(&engine, &rule, parse_lang(&lang)?)
                .with_context(|| format!("no rule '{rule}': `plainly rules` lists them"))?;
            write!(out, "{text}")?;
            Ok(EXIT_CLEAN)
        }
        Command::Config { path, config } => {
            let finder = plainly_rules::discover::Finder::new(config.as_deref())?;
            let probe = if path.is_dir() {
                path.join("_.md")
            } else {
                path.clone()
            };
            let (cfg, resolved) = finder.resolve(&probe)?;
            writeln!(
                out,
                "# configuration for {}\n# from: {}\n",
                path.display(),
                cfg.origin
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| "defaults (no plainly.toml found)".into())
            )?;
            writeln!(out, "{}", toml_of(&resolved)?)?;
            Ok(EXIT_CLEAN)
        }
    }
}

fn toml_of(resolved: &plainly_rules::config::Resolved) -> Result<String> {
    #[derive(serde::Serialize)]
    struct Effective<'a> {
        language: String,
        profile: &'a str,
        audience: Audience,
        #[serde(skip_serializing_if = "<[String]>::is_empty")]
        allowed: &'a [String],
        rules: &'a std::collections::BTreeMap<String, plainly_rules::settings::RuleSettings>,
    }
    let e = Effective {
        language: resolved
            .lang
            .map(|l| l.code().to_string())
            .unwrap_or_else(|| "auto".into()),
        profile: &resolved.profile,
        audience: resolved.settings.audience,
        allowed: &resolved.settings.allowed,
        rules: &resolved.settings.rules,
    };
    Ok(toml::to_string(&e)?)
}

fn exit_code(files: &[FileResult], fail_on: Severity, min_score: Option<f64>) -> u8 {
    if files.iter().any(|c| c.outcome.is_err()) {
        return EXIT_ERROR;
    }
    let failing = files.iter().any(|c| {
        c.outcome.as_ref().is_ok_and(|a| {
            a.findings.iter().any(|l| l.finding.severity >= fail_on)
                || min_score.is_some_and(|m| a.score.value < m)
        })
    });
    if failing { EXIT_FINDINGS } else { EXIT_CLEAN }
}

/// The closing summary: files, failures with reasons, findings by severity, scores.
fn totals(files: &[FileResult]) -> String {
    let failed: Vec<&FileResult> = files.iter().filter(|c| c.outcome.is_err()).collect();
    let ok: Vec<&batch::Analysed> = files
        .iter()
        .filter_map(|c| c.outcome.as_ref().ok())
        .collect();
    let findings: usize = ok.iter().map(|a| a.findings.len()).sum();
    let suppressed: usize = files.iter().map(|c| c.suppressed).sum();
    let hidden: usize = files.iter().map(|c| c.baselined).sum();
    let mut s = format!(
        "\n{} file{} checked, {} could not be read, {} finding{}",
        files.len(),
        if files.len() == 1 { "" } else { "s" },
        failed.len(),
        findings,
        if findings == 1 { "" } else { "s" }
    );
    if suppressed > 0 {
        s.push_str(&format!(", {suppressed} switched off in the text"));
    }
    if hidden > 0 {
        s.push_str(&format!(", {hidden} known from the baseline"));
    }
    if files.len() > 1 {
        let mut by_sev = Vec::new();
        for sev in [
            Severity::Blocker,
            Severity::Error,
            Severity::Warning,
            Severity::Info,
            Severity::Hint,
        ] {
            let n = ok
                .iter()
                .flat_map(|a| &a.findings)
                .filter(|l| l.finding.severity == sev)
                .count();
            if n > 0 {
                by_sev.push(format!("{n} {}", sev.name()));
            }
        }
        if !by_sev.is_empty() {
            s.push_str(&format!("\nfindings: {}", by_sev.join(", ")));
        }
        if !ok.is_empty() {
            // Score distribution in bands of 20.
            let mut bands = [0usize; 5];
            for a in &ok {
                let i = ((a.score.value / 20.0).floor() as usize).min(4);
                bands[i] += 1;
            }
            let labels = ["0–19", "20–39", "40–59", "60–79", "80–100"];
            let dist: Vec<String> = labels
                .iter()
                .zip(bands)
                .filter(|(_, n)| *n > 0)
                .map(|(l, n)| format!("{l}: {n}"))
                .collect();
            s.push_str(&format!("\nscores: {}", dist.join(" · ")));
        }
        for f in &failed {
            if let Err(e) = &f.outcome {
                s.push_str(&format!("\nnot read: {}: {e}", f.path.display()));
            }
        }
    }
    s
}
