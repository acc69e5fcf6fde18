//! The `LanguageServer` implementation.

use crate::analysis::{self, Analysis, Item};
use crate::position::{Encoding, Indexed};
use plainly_rules::discover::Finder;
use plainly_rules::messages::msg;
use plainly_rules::{Engines, Severity};
use plainly_text::Lang;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

/// How long typing must pause before a document is analysed again.
const DEBOUNCE: Duration = Duration::from_millis(200);
/// How long a request waits for the analysis of the document's current version.
const WAIT_FOR_ANALYSIS: Duration = Duration::from_secs(10);
const ALLOW_WORD: &str = "plainly.allowWord";

#[derive(Debug)]
struct Doc {
    uri: Uri,
    version: i32,
    language_id: String,
    text: Indexed,
    /// The last analysis, with the version of the text it was made of.
    analysis: Option<(i32, Arc<Analysis>)>,
}

#[derive(Debug)]
struct State {
    docs: Mutex<HashMap<String, Doc>>,
    encoding: RwLock<Encoding>,
    engines: Engines,
    finder: RwLock<Finder>,
    /// Woken whenever an analysis is stored.
    analysed: tokio::sync::Notify,
    /// Notices already shown to the writer (window/showMessage), so that a broken
    /// lexicon file is reported once, not at every keystroke; forgotten on reload.
    shown: Mutex<HashSet<String>>,
}

/// The server.
#[derive(Debug)]
pub struct Backend {
    client: Client,
    state: Arc<State>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

fn encoding(state: &State) -> Encoding {
    *state.encoding.read().unwrap_or_else(|p| p.into_inner())
}

/// The file path of a `file:` URI, percent-decoded.
pub fn uri_path(uri: &Uri) -> Option<PathBuf> {
    let s = uri.as_str().strip_prefix("file://")?;
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(h) = s.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(h, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).ok().map(PathBuf::from)
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Blocker | Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// Words the server itself says, in the document's language.
fn say(lang: Lang, key: &str) -> &'static str {
    match (lang, key) {
        (Lang::Fr, "line") => "Ignorer « {rule} » pour cette ligne",
        (Lang::Nl, "line") => "‘{rule}’ negeren voor deze regel",
        (Lang::De, "line") => "„{rule}“ für diese Zeile ausschalten",
        (_, "line") => "Ignore “{rule}” on this line",
        (Lang::Fr, "file") => "Ignorer « {rule} » dans ce fichier",
        (Lang::Nl, "file") => "‘{rule}’ negeren in dit bestand",
        (Lang::De, "file") => "„{rule}“ in dieser Datei ausschalten",
        (_, "file") => "Ignore “{rule}” in this file",
        (Lang::Fr, "all") => "Tout corriger pour « {rule} » dans le document",
        (Lang::Nl, "all") => "Alles verbeteren voor ‘{rule}’ in het document",
        (Lang::De, "all") => "Alles für „{rule}“ im Dokument korrigieren",
        (_, "all") => "Fix all “{rule}” in the document",
        (Lang::Fr, "allow") => "Ajouter « {word} » aux mots admis du projet",
        (Lang::Nl, "allow") => "‘{word}’ toevoegen aan de toegelaten woorden van het project",
        (Lang::De, "allow") => "„{word}“ zu den erlaubten Wörtern des Projekts hinzufügen",
        (_, "allow") => "Add “{word}” to the project's allowed words",
        (Lang::Fr, "paragraph") => {
            "Ce paragraphe : {sentences} phrase(s), {avg} mots par phrase en moyenne. {formula} {value} : {band}."
        }
        (Lang::Nl, "paragraph") => {
            "Deze alinea: {sentences} zin(nen), gemiddeld {avg} woorden per zin. {formula} {value}: {band}."
        }
        (Lang::De, "paragraph") => {
            "Dieser Absatz: {sentences} Satz/Sätze, im Schnitt {avg} Wörter pro Satz. {formula} {value}: {band}."
        }
        (_, "paragraph") => {
            "This paragraph: {sentences} sentence(s), {avg} words per sentence on average. {formula} {value}: {band}."
        }
        (Lang::Fr, "gauge") => "Score de langage clair {score}/100 · {formula} {value} ({band})",
        (Lang::Nl, "gauge") => "Score heldere taal {score}/100 · {formula} {value} ({band})",
        (Lang::De, "gauge") => "Wert für klare Sprache {score}/100 · {formula} {value} ({band})",
        (_, "gauge") => "Plain-language score {score}/100 · {formula} {value} ({band})",
        (Lang::Fr, "short") => "Texte court : valeur indicative.",
        (Lang::Nl, "short") => "Korte tekst: enkel een indicatie.",
        (Lang::De, "short") => "Kurzer Text: nur ein Richtwert.",
        (_, "short") => "Short text: indicative only.",
        _ => "",
    }
}

fn fill(template: &str, args: &[(&str, String)]) -> String {
    let mut s = template.to_string();
    for (k, v) in args {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    s
}

/// The comment that switches a rule off, in the document's syntax.
fn directive(format: plainly_readers::Format, body: &str) -> String {
    match format {
        plainly_readers::Format::Markdown | plainly_readers::Format::Html => {
            format!("<!-- {body} -->\n")
        }
        _ => format!("# {body}\n"),
    }
}

impl Backend {
    pub fn new(client: Client) -> Self {
        let finder = Finder::new(None).unwrap_or_else(|e| {
            eprintln!("plainly lsp: user configuration ignored: {e}");
            Finder::empty()
        });
        Backend {
            client,
            state: Arc::new(State {
                docs: Mutex::new(HashMap::new()),
                encoding: RwLock::new(Encoding::Utf16),
                engines: Engines::with_cache(),
                finder: RwLock::new(finder),
                analysed: tokio::sync::Notify::new(),
                shown: Mutex::new(HashSet::new()),
            }),
        }
    }

    /// Analyse a document after `delay` if it has not changed meanwhile, then publish
    /// diagnostics tagged with the analysed version (a stale result is never published).
    fn schedule(&self, key: String, delay: Duration) {
        let state = Arc::clone(&self.state);
        let client = self.client.clone();
        tokio::spawn(async move {
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            let job = {
                let docs = lock(&state.docs);
                docs.get(&key).map(|d| {
                    (
                        d.uri.clone(),
                        d.version,
                        d.language_id.clone(),
                        d.text.text.clone(),
                    )
                })
            };
            let Some((uri, version, language_id, text)) = job else {
                return;
            };
            if lock(&state.docs).get(&key).map(|d| d.version) != Some(version) {
                return;
            }
            let st = Arc::clone(&state);
            let path = uri_path(&uri);
            let result = tokio::task::spawn_blocking(move || {
                let finder = st.finder.read().unwrap_or_else(|p| p.into_inner());
                analysis::analyse(&st.engines, &finder, path.as_deref(), &language_id, &text)
            })
            .await;
            let Ok(analysis) = result else {
                client
                    .log_message(MessageType::ERROR, "plainly: analysis failed")
                    .await;
                return;
            };
            let analysis = Arc::new(analysis);
            let enc = encoding(&state);
            {
                let mut docs = lock(&state.docs);
                match docs.get_mut(&key) {
                    Some(d) if d.version == version => {
                        d.analysis = Some((version, Arc::clone(&analysis)));
                        state.analysed.notify_waiters();
                    }
                    _ => return, // edited or closed meanwhile: a newer analysis follows
                }
            }
            if let Some(p) = &analysis.problem {
                client
                    .log_message(MessageType::WARNING, format!("plainly: {p}"))
                    .await;
            }
            if let Some(n) = &analysis.notice
                && lock(&state.shown).insert(n.clone())
            {
                client.show_message(MessageType::WARNING, n).await;
            }
            let diagnostics = diagnostics(&analysis, &uri, enc);
            client
                .publish_diagnostics(uri, diagnostics, Some(version))
                .await;
        });
    }

    fn reanalyse_all(&self) {
        let keys: Vec<String> = lock(&self.state.docs).keys().cloned().collect();
        for k in keys {
            self.schedule(k, Duration::ZERO);
        }
    }

    /// The analysis of the document as it is now. A request can come right after a
    /// didChange, before the debounced analysis of the new text (eglot sends didChange just
    /// before its codeAction request): the previous analysis's positions would then land
    /// in the wrong place of the edited text. So wait for the analysis of the current
    /// version (already scheduled: no extra work); None if the document changes again
    /// meanwhile (the request is out of date) or if it does not come in time.
    async fn current(&self, uri: &Uri) -> Option<Arc<Analysis>> {
        let wanted = lock(&self.state.docs).get(uri.as_str())?.version;
        let deadline = tokio::time::Instant::now() + WAIT_FOR_ANALYSIS;
        loop {
            // Registered before looking, so that a store in between is not missed.
            let notified = self.state.analysed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            {
                let docs = lock(&self.state.docs);
                let d = docs.get(uri.as_str())?;
                if d.version != wanted {
                    return None;
                }
                if let Some((v, a)) = &d.analysis
                    && *v == wanted
                {
                    return Some(Arc::clone(a));
                }
            }
            tokio::time::timeout_at(deadline, notified).await.ok()?;
        }
    }
}

fn diagnostic(a: &Analysis, item: &Item, uri: &Uri, enc: Encoding) -> Diagnostic {
    let f = &item.finding;
    let range = a
        .text
        .range(item.span.start as usize, item.span.end as usize, enc);
    let related = (f.block.is_none()).then(|| {
        vec![DiagnosticRelatedInformation {
            location: Location {
                uri: uri.clone(),
                range,
            },
            message: msg(a.lang, &format!("{}.what", f.rule), &[]),
        }]
    });
    Diagnostic {
        range,
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.rule.clone())),
        source: Some("plainly".into()),
        message: f.message.clone(),
        related_information: related,
        ..Default::default()
    }
}

fn diagnostics(a: &Analysis, uri: &Uri, enc: Encoding) -> Vec<Diagnostic> {
    a.items.iter().map(|i| diagnostic(a, i, uri, enc)).collect()
}

/// Whether `kind` is one of `only` or below one of them ("source.fixAll" is within "source").
fn kind_within(kind: &CodeActionKind, only: &[CodeActionKind]) -> bool {
    let k = kind.as_str();
    only.iter().any(|o| {
        let o = o.as_str();
        k == o || k.strip_prefix(o).is_some_and(|rest| rest.starts_with('.'))
    })
}

fn overlaps(a: &Range, b: &Range) -> bool {
    let le = |x: &Position, y: &Position| (x.line, x.character) <= (y.line, y.character);
    le(&a.start, &b.end) && le(&b.start, &a.end)
}

fn text_edit(a: &Analysis, span: plainly_text::Span, new_text: String, enc: Encoding) -> TextEdit {
    TextEdit {
        range: a.text.range(span.start as usize, span.end as usize, enc),
        new_text,
    }
}

fn edit_for(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    let mut changes = HashMap::new();
    changes.insert(uri.clone(), edits);
    WorkspaceEdit {
        changes: Some(changes),
        ..Default::default()
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        // UTF-8 positions when the client offers them, else UTF-16 (the default).
        let offered = params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.clone())
            .unwrap_or_default();
        let enc = if offered.iter().any(|e| e.as_str() == "utf-8") {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        *self
            .state
            .encoding
            .write()
            .unwrap_or_else(|p| p.into_inner()) = enc;
        let position_encoding = Some(PositionEncodingKind::from(match enc {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
        }));
        Ok(InitializeResult {
            server_info: Some(ServerInfo {
                name: "plainly".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            capabilities: ServerCapabilities {
                position_encoding,
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        save: Some(TextDocumentSyncSaveOptions::Supported(false)),
                        ..Default::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::SOURCE_FIX_ALL,
                        ]),
                        ..Default::default()
                    },
                )),
                code_lens_provider: Some(CodeLensOptions {
                    resolve_provider: Some(false),
                }),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: vec![ALLOW_WORD.into()],
                    ..Default::default()
                }),
                workspace: Some(WorkspaceServerCapabilities {
                    workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                        supported: Some(true),
                        change_notifications: Some(OneOf::Left(true)),
                    }),
                    file_operations: None,
                }),
                ..Default::default()
            },
            ..Default::default()
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        // Watch plainly.toml files and the rule packs and lexicon files they name (all
        // TOML files), where the client can do it for us.
        let client = self.client.clone();
        tokio::spawn(async move {
            let watch = DidChangeWatchedFilesRegistrationOptions {
                watchers: vec![FileSystemWatcher {
                    glob_pattern: GlobPattern::String("**/*.toml".into()),
                    kind: None,
                }],
            };
            let registration = Registration {
                id: "plainly-config-watch".into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: serde_json::to_value(watch).ok(),
            };
            let _ = client.register_capability(vec![registration]).await;
        });
        self.client
            .log_message(MessageType::INFO, "plainly language server ready")
            .await;
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, p: DidOpenTextDocumentParams) {
        let key = p.text_document.uri.as_str().to_string();
        lock(&self.state.docs).insert(
            key.clone(),
            Doc {
                uri: p.text_document.uri,
                version: p.text_document.version,
                language_id: p.text_document.language_id,
                text: Indexed::new(p.text_document.text),
                analysis: None,
            },
        );
        self.schedule(key, Duration::ZERO);
    }

    async fn did_change(&self, p: DidChangeTextDocumentParams) {
        let key = p.text_document.uri.as_str().to_string();
        let enc = encoding(&self.state);
        {
            let mut docs = lock(&self.state.docs);
            let Some(doc) = docs.get_mut(&key) else {
                return;
            };
            for change in p.content_changes {
                doc.text.apply(change.range, &change.text, enc);
            }
            doc.version = p.text_document.version;
        }
        self.schedule(key, DEBOUNCE);
    }

    async fn did_save(&self, _: DidSaveTextDocumentParams) {}

    async fn did_close(&self, p: DidCloseTextDocumentParams) {
        lock(&self.state.docs).remove(p.text_document.uri.as_str());
        self.client
            .publish_diagnostics(p.text_document.uri, Vec::new(), None)
            .await;
    }

    async fn did_change_configuration(&self, p: DidChangeConfigurationParams) {
        // plainly takes no settings from the editor (it reads plainly.toml). eglot and
        // Neovim send `{"settings": {}}` right after opening the first document: reloading
        // then would rebuild the engines and analyse everything a second time for nothing.
        let empty = p.settings.is_null() || p.settings.as_object().is_some_and(|o| o.is_empty());
        if !empty {
            self.reload_config();
        }
    }

    async fn did_change_watched_files(&self, _: DidChangeWatchedFilesParams) {
        self.reload_config();
    }

    async fn hover(&self, p: HoverParams) -> Result<Option<Hover>> {
        let uri = p.text_document_position_params.text_document.uri;
        let Some(a) = self.current(&uri).await else {
            return Ok(None);
        };
        let enc = encoding(&self.state);
        let offset = a.text.offset(p.text_document_position_params.position, enc);
        // On findings: each rule's explanation, in the document's language.
        let here: Vec<&Item> = a
            .items
            .iter()
            .filter(|i| {
                i.finding.block.is_some()
                    && i.span.start as usize <= offset
                    && offset <= i.span.end as usize
            })
            .collect();
        if !here.is_empty() {
            let mut parts = Vec::new();
            let mut range = None;
            for item in here.iter().take(4) {
                let rule = &item.finding.rule;
                let what = msg(a.lang, &format!("{rule}.what"), &[]);
                let why = msg(a.lang, &format!("{rule}.why"), &[]);
                parts.push(format!(
                    "**{}** (`{rule}`)\n\n{what} {why}",
                    item.finding.message
                ));
                // The narrowest finding gives the hover's range.
                if range.is_none_or(|(s, e): (u32, u32)| item.span.end - item.span.start < e - s) {
                    range = Some((item.span.start, item.span.end));
                }
            }
            let (s, e) = range.unwrap_or_default();
            return Ok(Some(Hover {
                contents: HoverContents::Markup(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: parts.join("\n\n---\n\n"),
                }),
                range: Some(a.text.range(s as usize, e as usize, enc)),
            }));
        }
        // Elsewhere in a paragraph: its readability in plain words.
        let Some(b) = a
            .blocks
            .iter()
            .find(|b| b.span.start as usize <= offset && offset <= b.span.end as usize)
        else {
            return Ok(None);
        };
        let Some(main) = b.readability.main() else {
            return Ok(None);
        };
        let c = &b.readability.counts;
        let avg = if c.sentences > 0 {
            f64::from(c.words) / f64::from(c.sentences)
        } else {
            0.0
        };
        let mut value = fill(
            say(b.lang, "paragraph"),
            &[
                ("sentences", c.sentences.to_string()),
                ("avg", format!("{avg:.0}")),
                ("formula", main.name.to_string()),
                ("value", format!("{:.0}", main.value)),
                ("band", main.band.unwrap_or("").to_string()),
            ],
        );
        if b.readability.low_confidence {
            value.push(' ');
            value.push_str(say(b.lang, "short"));
        }
        Ok(Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::PlainText,
                value,
            }),
            range: Some(
                a.text
                    .range(b.span.start as usize, b.span.end as usize, enc),
            ),
        }))
    }

    async fn code_lens(&self, p: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let Some(a) = self.current(&p.text_document.uri).await else {
            return Ok(None);
        };
        let Some(main) = a.readability.main() else {
            return Ok(None);
        };
        let title = fill(
            say(a.lang, "gauge"),
            &[
                ("score", format!("{:.0}", a.score.value)),
                ("formula", main.name.to_string()),
                ("value", format!("{:.0}", main.value)),
                ("band", main.band.unwrap_or("").to_string()),
            ],
        );
        Ok(Some(vec![CodeLens {
            range: Range::default(),
            command: Some(Command {
                title,
                command: String::new(),
                arguments: None,
            }),
            data: None,
        }]))
    }

    async fn code_action(&self, p: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = p.text_document.uri;
        let Some(a) = self.current(&uri).await else {
            return Ok(None);
        };
        let enc = encoding(&self.state);
        let mut actions: Vec<CodeActionOrCommand> = Vec::new();
        let here: Vec<&Item> = a
            .items
            .iter()
            .filter(|i| {
                let r = a
                    .text
                    .range(i.span.start as usize, i.span.end as usize, enc);
                i.finding.block.is_none() || overlaps(&r, &p.range)
            })
            .collect();
        let diag_for = |item: &Item| vec![diagnostic(&a, item, &uri, enc)];
        for item in &here {
            let rule = &item.finding.rule;
            // The rule's own fixes.
            for (label, edits) in &item.fixes {
                let edits = edits
                    .iter()
                    .map(|(s, t)| text_edit(&a, *s, t.clone(), enc))
                    .collect();
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: label.clone(),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(diag_for(item)),
                    edit: Some(edit_for(&uri, edits)),
                    is_preferred: Some(true),
                    ..Default::default()
                }));
            }
            if item.finding.block.is_some() {
                // Switch the rule off for this line: a directive on the line above.
                let line = a.text.index.line_of(item.span.start as usize);
                let at = a.text.index.line_start(line);
                let body = format!("plainly-disable-next-line {rule}");
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: fill(say(a.lang, "line"), &[("rule", rule.clone())]),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(diag_for(item)),
                    edit: Some(edit_for(
                        &uri,
                        vec![text_edit(
                            &a,
                            plainly_text::Span::new(at, at),
                            directive(a.format, &body),
                            enc,
                        )],
                    )),
                    ..Default::default()
                }));
            }
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fill(say(a.lang, "file"), &[("rule", rule.clone())]),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(diag_for(item)),
                edit: Some(edit_for(
                    &uri,
                    vec![text_edit(
                        &a,
                        plainly_text::Span::new(0, 0),
                        directive(a.format, &format!("plainly-disable-file {rule}")) + "\n",
                        enc,
                    )],
                )),
                ..Default::default()
            }));
            // Allow this term in the project (word rules only).
            if !item.words.is_empty()
                && item.words.split_whitespace().count() <= 4
                && !item.fixes.is_empty()
            {
                actions.push(CodeActionOrCommand::Command(Command {
                    title: fill(say(a.lang, "allow"), &[("word", item.words.clone())]),
                    command: ALLOW_WORD.into(),
                    arguments: Some(vec![
                        serde_json::Value::String(uri.as_str().to_string()),
                        serde_json::Value::String(item.words.clone()),
                    ]),
                }));
            }
        }
        // Fix all of one rule in the document: the first fix of each finding, no overlaps.
        let mut rules: Vec<&str> = here
            .iter()
            .filter(|i| !i.fixes.is_empty())
            .map(|i| i.finding.rule.as_str())
            .collect();
        rules.sort();
        rules.dedup();
        for rule in rules {
            let mut edits: Vec<(plainly_text::Span, String)> = a
                .items
                .iter()
                .filter(|i| i.finding.rule == rule)
                .filter_map(|i| i.fixes.first())
                .flat_map(|(_, e)| e.iter().cloned())
                .collect();
            edits.sort_by_key(|(s, _)| (s.start, s.end));
            let mut last_end = 0;
            edits.retain(|(s, _)| {
                let ok = s.start >= last_end;
                if ok {
                    last_end = s.end;
                }
                ok
            });
            if edits.len() < 2 {
                continue;
            }
            let edits = edits
                .into_iter()
                .map(|(s, t)| text_edit(&a, s, t, enc))
                .collect();
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fill(say(a.lang, "all"), &[("rule", rule.to_string())]),
                kind: Some(CodeActionKind::SOURCE_FIX_ALL),
                edit: Some(edit_for(&uri, edits)),
                ..Default::default()
            }));
        }
        // Only the kinds asked for (VS Code asks for "quickfix" on Ctrl+. and for
        // "source.fixAll" on save, and drops, with a warning, what does not match). The
        // "allowed words" command counts as a quick fix.
        if let Some(only) = p.context.only.as_deref().filter(|o| !o.is_empty()) {
            actions.retain(|x| match x {
                CodeActionOrCommand::CodeAction(c) => {
                    c.kind.as_ref().is_some_and(|k| kind_within(k, only))
                }
                CodeActionOrCommand::Command(_) => kind_within(&CodeActionKind::QUICKFIX, only),
            });
        }
        Ok(Some(actions))
    }

    async fn execute_command(&self, p: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        if p.command != ALLOW_WORD {
            return Err(Error::invalid_params(format!(
                "unknown command {}",
                p.command
            )));
        }
        let (Some(uri), Some(word)) = (
            p.arguments.first().and_then(|v| v.as_str()),
            p.arguments.get(1).and_then(|v| v.as_str()),
        ) else {
            return Err(Error::invalid_params("expected [uri, word]"));
        };
        let Some(path) = uri.parse::<Uri>().ok().as_ref().and_then(uri_path) else {
            return Err(Error::invalid_params("the document is not a local file"));
        };
        let existing = {
            let finder = self.state.finder.read().unwrap_or_else(|p| p.into_inner());
            finder
                .config_for(&path)
                .ok()
                .and_then(|(c, _)| c.origin.clone())
        };
        let config = existing
            .unwrap_or_else(|| path.parent().unwrap_or(Path::new(".")).join("plainly.toml"));
        add_allowed_word(&config, word).map_err(|e| {
            Error::invalid_params(format!("cannot update {}: {e}", config.display()))
        })?;
        self.reload_config();
        Ok(None)
    }
}

impl Backend {
    fn reload_config(&self) {
        self.state.engines.clear();
        lock(&self.state.shown).clear();
        match Finder::new(None) {
            Ok(f) => *self.state.finder.write().unwrap_or_else(|p| p.into_inner()) = f,
            Err(e) => eprintln!("plainly lsp: user configuration ignored: {e}"),
        }
        self.reanalyse_all();
    }
}

/// Add `word` to `allowed` in a plainly.toml, keeping its comments and layout.
fn add_allowed_word(path: &Path, word: &str) -> std::io::Result<()> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut doc: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, format!("{e}")))?;
    let allowed = doc
        .entry("allowed")
        .or_insert(toml_edit::value(toml_edit::Array::new()));
    let Some(array) = allowed.as_array_mut() else {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "`allowed` is not a list",
        ));
    };
    if !array.iter().any(|v| v.as_str() == Some(word)) {
        array.push(word);
    }
    std::fs::write(path, doc.to_string())
}
