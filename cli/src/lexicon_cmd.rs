//! `plainly lexicon …`: check the lexicon files, count their entries, and the workshop
//! round trip (export a sheet, import the answers).

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand, ValueEnum};
use plainly_rules::discover::Finder;
use plainly_rules::lexicon::check::{Level, check_dir, check_project_files, stats};
use plainly_rules::lexicon::sheet::{self, SheetFormat, plan_import, read_sheet};
use plainly_rules::lexicon::{Category, Lexicon, Status};
use plainly_text::Lang;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Arguments of `plainly lexicon`.
#[derive(Args, Debug)]
pub struct LexiconArgs {
    #[command(subcommand)]
    pub command: LexiconCommand,
}

/// Where the lexicons live.
#[derive(Args, Debug, Clone)]
pub struct DirArg {
    /// The lexicon folder (with fr/, nl/, de/, en/ inside).
    #[arg(long, default_value = "lexicons")]
    pub dir: PathBuf,
}

/// Sheet formats of `lexicon export`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetFormatArg {
    /// An Excel workbook.
    Xlsx,
    /// CSV for a Belgian Excel: UTF-8 with BOM, `;` between columns.
    Csv,
}

#[derive(Subcommand, Debug)]
pub enum LexiconCommand {
    /// Check every lexicon file: format, duplicates, conflicting alternatives, shadowed
    /// entries, examples. Also checks the project's own lexicon files when a plainly.toml
    /// (found from the current folder upwards, or given with --config) names them.
    /// Exit status 1 when there are errors.
    Check {
        #[command(flatten)]
        dir: DirArg,
        /// The plainly.toml whose `lexicons = [...]` files to check too.
        #[arg(long)]
        config: Option<PathBuf>,
        /// Fail on warnings too.
        #[arg(long)]
        strict: bool,
    },
    /// Count the entries per language, category and status.
    Stats {
        #[command(flatten)]
        dir: DirArg,
    },
    /// Write a workshop sheet with one language's entries.
    Export {
        /// Language of the entries (fr, nl, de, en).
        #[arg(long)]
        lang: String,
        #[arg(long, value_enum, default_value_t = SheetFormatArg::Xlsx)]
        format: SheetFormatArg,
        /// Only entries with this status (proposed, accepted, rejected); repeat or separate
        /// with commas. Default: all but rejected.
        #[arg(long, value_delimiter = ',')]
        status: Vec<String>,
        /// Output file ("-" for standard output). Default: lexicon-<lang>.<format>.
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[command(flatten)]
        dir: DirArg,
    },
    /// Merge a filled-in workshop sheet (.xlsx or .csv) back into the lexicon files, and
    /// show what changes.
    Import {
        /// The sheet.
        sheet: PathBuf,
        /// Show the changes without writing anything.
        #[arg(long)]
        dry_run: bool,
        /// Language of the sheet, when its id column does not say (`id (fr)`).
        #[arg(long)]
        lang: Option<String>,
        #[command(flatten)]
        dir: DirArg,
    },
}

/// Run a `plainly lexicon` subcommand; returns the exit status.
pub fn run(args: LexiconArgs) -> Result<u8> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    run_to(args, &mut out)
}

/// [`run`], writing to `out`.
pub fn run_to(args: LexiconArgs, out: &mut dyn Write) -> Result<u8> {
    match args.command {
        LexiconCommand::Check {
            dir,
            config,
            strict,
        } => check(&dir.dir, config.as_deref(), strict, out),
        LexiconCommand::Stats { dir } => stats_cmd(&dir.dir, out),
        LexiconCommand::Export {
            lang,
            format,
            status,
            output,
            dir,
        } => export(&dir.dir, &lang, format, &status, output.as_deref(), out),
        LexiconCommand::Import {
            sheet,
            dry_run,
            lang,
            dir,
        } => import(&dir.dir, &sheet, dry_run, lang.as_deref(), out),
    }
}

fn need_dir(dir: &Path) -> Result<()> {
    if !dir.is_dir() {
        bail!(
            "no lexicon folder at '{}': run this in the repository, or give --dir",
            dir.display()
        );
    }
    Ok(())
}

/// The extra lexicon files of the configuration that applies in the current folder (or
/// of `explicit`), with the folder they are relative to.
fn project_lexicons(explicit: Option<&Path>) -> Result<Option<(Option<PathBuf>, Vec<PathBuf>)>> {
    let finder = Finder::new(explicit)?;
    let (config, _) = finder.config_for(Path::new("plainly.toml"))?;
    if config.lexicons.is_empty() {
        if let Some(p) = explicit {
            bail!("{} names no lexicon files (lexicons = [...])", p.display());
        }
        return Ok(None);
    }
    Ok(Some((
        config.base_dir().map(Path::to_path_buf),
        config.lexicons.clone(),
    )))
}

fn check(dir: &Path, config: Option<&Path>, strict: bool, out: &mut dyn Write) -> Result<u8> {
    let project = project_lexicons(config)?;
    let (mut entries, mut files, mut problems) = (0, 0, Vec::new());
    if dir.is_dir() || project.is_none() {
        need_dir(dir)?;
        let (loaded, found) = check_dir(dir);
        entries += loaded.lexicon.entries().len();
        files += loaded.files.len();
        problems.extend(found);
    }
    if let Some((base, paths)) = &project {
        let checked = check_project_files(base.as_deref(), paths);
        entries += checked.entries;
        files += checked.files.len();
        problems.extend(checked.problems);
    }
    for p in &problems {
        writeln!(out, "{p}")?;
    }
    let errors = problems.iter().filter(|p| p.level == Level::Error).count();
    let warnings = problems.len() - errors;
    writeln!(
        out,
        "{entries} entries in {files} files: {errors} error{}, {warnings} warning{}",
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" },
    )?;
    Ok(u8::from(errors > 0 || (strict && warnings > 0)))
}

fn stats_cmd(dir: &Path, out: &mut dyn Write) -> Result<u8> {
    need_dir(dir)?;
    let loaded = Lexicon::load_dir(dir);
    for e in &loaded.errors {
        writeln!(out, "{e} (file left out of the counts)")?;
    }
    let counts = stats(&loaded.lexicon);
    let mut table: BTreeMap<(Lang, Category), [usize; 3]> = BTreeMap::new();
    for (lang, cat, status, n) in counts {
        let row = table.entry((lang, cat)).or_default();
        let i = match status {
            Status::Proposed => 0,
            Status::Accepted => 1,
            Status::Rejected => 2,
        };
        if let Some(slot) = row.get_mut(i) {
            *slot += n;
        }
    }
    writeln!(
        out,
        "{:<5} {:<13} {:>9} {:>9} {:>9} {:>7}",
        "lang", "category", "proposed", "accepted", "rejected", "total"
    )?;
    let mut totals: BTreeMap<Lang, [usize; 3]> = BTreeMap::new();
    for ((lang, cat), [p, a, r]) in &table {
        writeln!(
            out,
            "{:<5} {:<13} {p:>9} {a:>9} {r:>9} {:>7}",
            lang.code(),
            cat.name(),
            p + a + r
        )?;
        let t = totals.entry(*lang).or_default();
        t[0] += p;
        t[1] += a;
        t[2] += r;
    }
    for (lang, [p, a, r]) in &totals {
        writeln!(
            out,
            "{:<5} {:<13} {p:>9} {a:>9} {r:>9} {:>7}",
            lang.code(),
            "all",
            p + a + r
        )?;
    }
    Ok(0)
}

fn export(
    dir: &Path,
    lang: &str,
    format: SheetFormatArg,
    statuses: &[String],
    output: Option<&Path>,
    out: &mut dyn Write,
) -> Result<u8> {
    need_dir(dir)?;
    let lang: Lang = lang.parse()?;
    let statuses = statuses
        .iter()
        .map(|s| s.trim().parse::<Status>().map_err(anyhow::Error::msg))
        .collect::<Result<Vec<_>>>()?;
    let loaded = Lexicon::load_dir(dir);
    if let Some(e) = loaded.errors.first() {
        bail!("{e}\nfix the file first (plainly lexicon check)");
    }
    let (format, ext) = match format {
        SheetFormatArg::Xlsx => (SheetFormat::Xlsx, "xlsx"),
        SheetFormatArg::Csv => (SheetFormat::Csv, "csv"),
    };
    let rows = sheet::export_rows(&loaded.lexicon, lang, &statuses)
        .len()
        .saturating_sub(1);
    let bytes = sheet::export(&loaded.lexicon, lang, &statuses, format)
        .map_err(anyhow::Error::msg)
        .context("cannot write the sheet")?;
    match output {
        Some(p) if p == Path::new("-") => {
            out.write_all(&bytes)?;
        }
        _ => {
            let path = output
                .map(Path::to_path_buf)
                .unwrap_or_else(|| PathBuf::from(format!("lexicon-{lang}.{ext}")));
            std::fs::write(&path, &bytes)
                .with_context(|| format!("cannot write {}", path.display()))?;
            writeln!(out, "{rows} entries written to {}", path.display())?;
        }
    }
    Ok(0)
}

fn import(
    dir: &Path,
    sheet_path: &Path,
    dry_run: bool,
    lang: Option<&str>,
    out: &mut dyn Write,
) -> Result<u8> {
    need_dir(dir)?;
    let lang = lang.map(str::parse::<Lang>).transpose()?;
    let sheet = read_sheet(sheet_path)?;
    let name = sheet_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let plan = plan_import(dir, &sheet, lang, &name)?;
    write!(out, "{}", plan.diff())?;
    if plan.is_empty() {
        writeln!(out, "No changes.")?;
        return Ok(0);
    }
    if dry_run {
        writeln!(out, "Dry run: nothing written.")?;
        return Ok(0);
    }
    let written = plan.apply()?;
    writeln!(
        out,
        "{} file{} updated. Run `plainly lexicon check` before committing.",
        written.len(),
        if written.len() == 1 { "" } else { "s" }
    )?;
    Ok(0)
}
