//! `plainly`: a plain-language linter for administrative letters, decision notices and
//! brochures.

mod baseline;
mod batch;
mod explain;
mod extract;
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
use output::stream::{self, Sink, Totals};
use plainly_rules::config::LimitSettings;
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
    #[command(flatten)]
    limits: LimitArgs,
}

/// The reading limits, each in its own unit. An option given wins over `[limits]` in the
/// `plainly.toml` that applies to a file, which wins over the defaults.
#[derive(clap::Args, Debug, Clone, Default)]
struct LimitArgs {
    /// Largest file read, in megabytes [default: max-file-mb of plainly.toml's [limits],
    /// else 100].
    #[arg(long, value_name = "MB")]
    max_file_mb: Option<u64>,
    /// Longest text read from one file, in characters [default: max-text-chars of
    /// plainly.toml's [limits], else 20000000].
    #[arg(long, value_name = "CHARS")]
    max_text_chars: Option<u64>,
    /// Most data unpacked from one DOCX, ODT or PDF file, in megabytes (a guard against
    /// decompression bombs); one part or stream may use a quarter of it [default:
    /// max-unpacked-mb of plainly.toml's [limits], else 256].
    #[arg(long, value_name = "MB")]
    max_unpacked_mb: Option<u64>,
    /// Most pages read from one PDF [default: max-pages of plainly.toml's [limits], else
    /// 5000].
    #[arg(long, value_name = "PAGES")]
    max_pages: Option<u64>,
    /// Time limit per file, in seconds [default: time-limit of plainly.toml's [limits],
    /// else 30].
    #[arg(long, value_name = "SECONDS")]
    time_limit: Option<u64>,
}

impl LimitArgs {
    /// The limits the command line sets (the others come from plainly.toml or defaults).
    fn settings(&self) -> LimitSettings {
        LimitSettings {
            max_file_mb: self.max_file_mb,
            max_text_chars: self.max_text_chars,
            max_unpacked_mb: self.max_unpacked_mb,
            max_pages: self.max_pages,
            time_limit: self.time_limit,
        }
    }
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
        /// Decision letters: a letter profile guessed from the text is an error (set it
        /// with --profile, a plainly-profile marker or plainly.toml).
        #[arg(long)]
        require_explicit_profile: bool,
        /// Decision letters: smallest confidence (0 to 1) at which a letter profile is
        /// guessed from the text [default: min_confidence of plainly.toml's [mandatory],
        /// else 0.75].
        #[arg(long, value_name = "X", value_parser = confidence)]
        min_confidence: Option<f64>,
    },
    /// Print the text of documents exactly as plainly reads it: one block (paragraph,
    /// heading, list item, table cell…) after another, separated by blank lines.
    Extract {
        /// Files to read (.txt, .md, .html, .docx, .odt, .pdf).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Show where each block comes from: page and line (PDF), part, paragraph or table
        /// cell (DOCX, ODT), line (text formats), and what kind of block it is.
        #[arg(long)]
        places: bool,
        #[command(flatten)]
        limits: LimitArgs,
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
        #[command(flatten)]
        limits: LimitArgs,
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

/// A confidence: a number from 0 to 1.
fn confidence(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!("'{s}' is not a number from 0 to 1")),
    }
}

fn overrides(common: &Common) -> Result<Overrides> {
    let lang = common.lang.as_deref().map(parse_lang).transpose()?;
    if let Some(p) = &common.profile {
        p.parse::<Audience>().map_err(anyhow::Error::msg)?;
    }
    Ok(Overrides {
        lang,
        profile: common.profile.clone(),
        limits: common.limits.settings(),
        require_explicit_profile: false,
        min_confidence: None,
    })
}

/// How a run renders and filters.
struct RunOptions<'a> {
    baseline: Option<&'a std::collections::HashSet<String>>,
    pretty: Option<(bool, Severity)>,
    progress: bool,
    keep_text: bool,
    /// `--require-explicit-profile` and `--min-confidence` (check only).
    mandatory: (bool, Option<f64>),
}

/// Check every file; `each` takes the results as they come, in input order. Nothing is
/// kept here: memory stays bounded whatever the number of files.
fn check_all(
    common: &Common,
    opts: &RunOptions<'_>,
    mut each: impl FnMut(FileResult) -> Result<()>,
) -> Result<()> {
    let mut cli = overrides(common)?;
    (cli.require_explicit_profile, cli.min_confidence) = opts.mandatory;
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
    let mut failure = None;
    batch::run(&paths, &job, opts.progress, |r| {
        if failure.is_none()
            && let Err(e) = each(r)
        {
            failure = Some(e);
        }
    });
    match failure {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Check every file and keep the results (for outputs that rank or chart them all).
fn collect_all(common: &Common, opts: &RunOptions<'_>) -> Result<Vec<FileResult>> {
    let mut files = Vec::new();
    check_all(common, opts, |mut r| {
        r.pretty = None;
        files.push(r);
        Ok(())
    })?;
    Ok(files)
}

/// Where an output goes: a buffered file, or standard output.
fn writer(file: Option<&PathBuf>) -> Result<Box<dyn Write>> {
    Ok(match file {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot write {}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout())),
    })
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
            require_explicit_profile,
            min_confidence,
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
                mandatory: (require_explicit_profile, min_confidence),
            };
            let mut totals = Totals::new(fail_on, min_score);
            if let Some(path) = write_baseline {
                // The baseline lists every finding: only its entries are kept.
                let mut entries = Vec::new();
                check_all(&common, &opts, |r| {
                    totals.add(&r);
                    entries.extend(baseline::entries(&r));
                    Ok(())
                })?;
                let n = baseline::write(&path, entries)?;
                writeln!(out, "{n} findings recorded in {}", path.display())?;
                return Ok(if totals.failed.is_empty() {
                    EXIT_CLEAN
                } else {
                    EXIT_ERROR
                });
            }
            drop(out);
            let engine = Engine::default();
            let mut sinks: Vec<Box<dyn Sink>> = Vec::new();
            for (kind, file) in &plan {
                let w = || writer(file.as_ref());
                let sink: Box<dyn Sink> = match kind {
                    FormatArg::Pretty => {
                        if file.is_some() {
                            continue;
                        }
                        Box::new(stream::Pretty { out: w()?, quiet })
                    }
                    FormatArg::Json => Box::new(stream::Json::new(w()?)?),
                    FormatArg::Sarif => Box::new(stream::Sarif::new(w()?, &engine)?),
                    FormatArg::Junit => Box::new(stream::Junit::new(w()?, fail_on)),
                    FormatArg::Github => Box::new(stream::Pieces::new(
                        w()?,
                        "",
                        Box::new(output::machine::github_file),
                        "",
                    )?),
                    FormatArg::Checkstyle => Box::new(stream::Pieces::new(
                        w()?,
                        output::machine::CHECKSTYLE_HEAD,
                        Box::new(output::machine::checkstyle_file),
                        output::machine::CHECKSTYLE_TAIL,
                    )?),
                    FormatArg::Csv => Box::new(stream::Pieces::new(
                        w()?,
                        &output::machine::csv_header(summary),
                        Box::new(move |r| output::machine::csv_file(r, summary)),
                        "",
                    )?),
                };
                sinks.push(sink);
            }
            check_all(&common, &opts, |r| {
                totals.add(&r);
                for s in &mut sinks {
                    s.file(&r)?;
                }
                Ok(())
            })?;
            for s in &mut sinks {
                s.finish(&totals)?;
            }
            Ok(exit_code(&totals))
        }
        Command::Extract {
            files,
            places,
            limits,
        } => {
            drop(out);
            extract::run(&files, places, &limits.settings())
        }
        Command::Score { common } => {
            let opts = RunOptions {
                baseline: None,
                pretty: None,
                progress: show_progress(false),
                keep_text: false,
                mandatory: (false, None),
            };
            let plan = output_plan(&common)?;
            let files = collect_all(&common, &opts)?;
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
            limits,
        } => {
            let ui = parse_lang(&lang)?;
            let common = Common {
                paths,
                lang: doc_lang,
                profile,
                config,
                format: vec!["pretty".into()],
                output: None,
                limits,
            };
            let opts = RunOptions {
                baseline: None,
                pretty: None,
                progress: show_progress(false),
                keep_text: true,
                mandatory: (false, None),
            };
            let files = collect_all(&common, &opts)?;
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
        limits: LimitSettings,
        mandatory: Mandatory<'a>,
    }
    /// The mandatory-mentions settings in force (`[mandatory]`, `[[mandatory.assign]]`).
    #[derive(serde::Serialize)]
    #[serde(rename_all = "kebab-case")]
    struct Mandatory<'a> {
        require_explicit_profile: bool,
        min_confidence: f64,
        #[serde(skip_serializing_if = "<[String]>::is_empty")]
        with: &'a [String],
    }
    let m = &resolved.settings.mandatory;
    let e = Effective {
        language: resolved
            .lang
            .map(|l| l.code().to_string())
            .unwrap_or_else(|| "auto".into()),
        profile: &resolved.profile,
        audience: resolved.settings.audience,
        allowed: &resolved.settings.allowed,
        rules: &resolved.settings.rules,
        limits: load::effective_limits(&resolved.limits),
        mandatory: Mandatory {
            require_explicit_profile: m.require_explicit_profile,
            min_confidence: m
                .min_confidence
                .unwrap_or(plainly_rules::mentions::MIN_CONFIDENCE),
            with: &m.with,
        },
    };
    Ok(toml::to_string(&e)?)
}

fn exit_code(totals: &Totals) -> u8 {
    if !totals.failed.is_empty() {
        EXIT_ERROR
    } else if totals.failing {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}
