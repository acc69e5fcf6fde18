//! The language server end to end over stdio, with a scripted JSON-RPC client:
//! initialize, didOpen, diagnostics, didChange (incremental), codeAction, hover, code lens,
//! robustness (malformed messages, unknown methods, out-of-range positions), shutdown.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    next_id: i64,
    /// Messages read but not yet consumed.
    seen: Vec<Value>,
}

impl Client {
    fn start(dir: &std::path::Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_plainly"))
            .arg("lsp")
            .current_dir(dir)
            .env("XDG_CONFIG_HOME", dir.join("no-user-config"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = 0usize;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        len = v.parse().unwrap();
                    }
                }
                let mut body = vec![0u8; len];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                let v: Value = serde_json::from_slice(&body).unwrap();
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            rx,
            next_id: 1,
            seen: Vec::new(),
        }
    }

    fn raw(&mut self, body: &str) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        let msg = json!({"jsonrpc": "2.0", "method": method, "params": params});
        self.raw(&msg.to_string());
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let msg = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        self.raw(&msg.to_string());
        self.wait(|m| m["id"] == id && m.get("method").is_none())
    }

    /// Wait for a message matching `pred`, answering the server's own requests.
    fn wait(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.seen.iter().position(&pred) {
            return self.seen.remove(i);
        }
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let m = self.rx.recv_timeout(left).expect("server answered in time");
            if m.get("method").is_some() && m.get("id").is_some() {
                // A request from the server (e.g. client/registerCapability): accept it.
                let reply = json!({"jsonrpc": "2.0", "id": m["id"], "result": null});
                self.raw(&reply.to_string());
                continue;
            }
            if pred(&m) {
                return m;
            }
            self.seen.push(m);
        }
    }

    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let m = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }
}

const LONG: &str = "Veuillez trouver ci-joint le formulaire C4 dûment complété, lequel doit être renvoyé au bureau du chômage compétent dans un délai de quinze jours à compter de la réception de la présente.";

fn setup(name: &str) -> (std::path::PathBuf, String) {
    let dir = std::env::temp_dir().join(format!("plainly-lsp-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let uri = format!("file://{}/lettre.md", dir.display());
    (dir, uri)
}

fn init(c: &mut Client, encodings: &[&str]) -> Value {
    let r = c.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {"general": {"positionEncodings": encodings}}}),
    );
    c.notify("initialized", json!({}));
    r
}

#[test]
fn diagnostics_fixes_hover_and_versions() {
    let (dir, uri) = setup("main");
    let mut c = Client::start(&dir);
    let r = init(&mut c, &["utf-16"]);
    assert_eq!(r["result"]["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(r["result"]["capabilities"]["textDocumentSync"]["change"], 2);

    // An emoji before the long sentence: columns in UTF-16 units.
    let text = format!("# Votre demande 😀\n\n{LONG}\n");
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    let diags = c.diagnostics(&uri, 1);
    let long = diags
        .iter()
        .find(|d| d["code"] == "sentence-length")
        .expect("sentence-length");
    assert_eq!(long["range"]["start"], json!({"line": 2, "character": 0}));
    assert_eq!(long["severity"], 2);
    assert!(
        long["message"].as_str().unwrap().contains("mots"),
        "French message"
    );

    // Hover on the finding: the rule's explanation in French.
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 5}}),
    );
    let hover = h["result"]["contents"]["value"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(hover.contains("sentence-length"), "{hover}");
    assert!(hover.contains("phrases"), "{hover}");

    // Code actions on the finding: switch it off for the line or the file.
    let a = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": long["range"], "context": {"diagnostics": [long]}}),
    );
    let actions = a["result"].as_array().unwrap();
    let line_off = actions
        .iter()
        .find(|x| {
            let t = x["title"].as_str().unwrap();
            t.contains("cette ligne") && t.contains("sentence-length")
        })
        .expect("disable for this line");
    let edit = &line_off["edit"]["changes"][&uri][0];
    assert_eq!(
        edit["newText"],
        "<!-- plainly-disable-next-line sentence-length -->\n"
    );
    assert_eq!(edit["range"]["start"], json!({"line": 2, "character": 0}));

    // Incremental edits, applied in order; diagnostics carry the new version.
    // Replace the long sentence with two short ones (line 2), in two steps.
    let end = LONG.encode_utf16().count();
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": end}}, "text": "Vous trouverez le formulaire avec cette lettre."}
        ]}),
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [
            {"range": {"start": {"line": 2, "character": 47}, "end": {"line": 2, "character": 47}}, "text": " Renvoyez-le avant le 15 mars."}
        ]}),
    );
    let diags = c.diagnostics(&uri, 3);
    assert!(
        diags.iter().all(|d| d["code"] != "sentence-length"),
        "{diags:#?}"
    );
    // Debounced: version 2 was never published.
    assert!(!c.seen.iter().any(|m| m["params"]["version"] == 2));

    // Hover elsewhere in a paragraph: its readability in plain words.
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 3}}),
    );
    let hover = h["result"]["contents"]["value"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(hover.contains("2 phrase"), "{hover}");
    assert!(hover.contains("Kandel"), "{hover}");

    // The gauge on the first line.
    let l = c.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": uri}}),
    );
    let title = l["result"][0]["command"]["title"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(title.contains("/100"), "{title}");

    let s = c.request("shutdown", json!(null));
    assert!(s.get("error").is_none());
    c.notify("exit", json!(null));
    let status = c.child.wait().unwrap();
    assert!(status.success());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn utf8_positions_when_offered() {
    let (dir, uri) = setup("utf8");
    let mut c = Client::start(&dir);
    let r = init(&mut c, &["utf-8", "utf-16"]);
    assert_eq!(r["result"]["capabilities"]["positionEncoding"], "utf-8");
    let text = format!("Voilà 😀. {LONG}\n");
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 7, "text": text}}),
    );
    let diags = c.diagnostics(&uri, 7);
    let long = diags
        .iter()
        .find(|d| d["code"] == "sentence-length")
        .unwrap();
    // "Voilà 😀. " is 6 + 1 + 4 + 1 + 1 = 13 bytes (9 UTF-16 units).
    assert_eq!(long["range"]["start"], json!({"line": 0, "character": 13}));
    c.request("shutdown", json!(null));
    c.notify("exit", json!(null));
    let _ = c.child.wait();
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_messages_get_errors_and_the_server_keeps_running() {
    let (dir, uri) = setup("robust");
    let mut c = Client::start(&dir);
    init(&mut c, &[]);
    // Malformed JSON: a parse error, not a crash.
    c.raw("{this is not json");
    let e = c.wait(|m| m["error"]["code"] == -32700);
    assert!(e["id"].is_null());
    c.raw("[1, 2]");
    c.wait(|m| m["error"]["code"] == -32700);
    // Unknown method: method not found.
    let r = c.request("plainly/doesNotExist", json!({}));
    assert_eq!(r["error"]["code"], -32601);
    // Requests about a document never opened, positions out of range: answered.
    let r = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 999, "character": 999}}),
    );
    assert!(r.get("error").is_none());
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": LONG}}),
    );
    c.diagnostics(&uri, 1);
    // An edit whose range lies beyond the text is clamped, not fatal.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 50, "character": 0}, "end": {"line": 60, "character": 3}}, "text": "\nFin."}
        ]}),
    );
    c.diagnostics(&uri, 2);
    let r = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 100000}}),
    );
    assert!(r.get("error").is_none());
    c.request("shutdown", json!(null));
    c.notify("exit", json!(null));
    assert!(c.child.wait().unwrap().success());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn configuration_is_shared_with_the_cli_and_reloaded() {
    let (dir, uri) = setup("config");
    std::fs::write(
        dir.join("plainly.toml"),
        "[rules]\nsentence-length = \"off\"\n",
    )
    .unwrap();
    let mut c = Client::start(&dir);
    init(&mut c, &[]);
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": LONG}}),
    );
    let diags = c.diagnostics(&uri, 1);
    assert!(diags.iter().all(|d| d["code"] != "sentence-length"));
    // The file changes; the client tells the server; the rule is back.
    std::fs::write(dir.join("plainly.toml"), "[rules]\nlong-word = \"off\"\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": format!("file://{}/plainly.toml", dir.display()), "type": 2}]}),
    );
    let diags = c.diagnostics(&uri, 1);
    assert!(
        diags.iter().any(|d| d["code"] == "sentence-length"),
        "{diags:#?}"
    );
    c.request("shutdown", json!(null));
    c.notify("exit", json!(null));
    let _ = c.child.wait();
    let _ = std::fs::remove_dir_all(&dir);
}

/// UTF-16 column of `needle` in `line`.
fn col(line: &str, needle: &str) -> usize {
    line[..line.find(needle).unwrap()].encode_utf16().count()
}

#[test]
fn code_actions_right_after_an_edit_are_for_the_edited_text() {
    // Found with Emacs + eglot (tests/emacs.rs): eglot sends didChange just before its
    // codeAction request, before the server's debounced analysis of the new text. The
    // actions must be computed on the text as edited, else their edits land in the
    // wrong place (« de lcette lettre »).
    let (dir, uri) = setup("stale");
    let mut c = Client::start(&dir);
    init(&mut c, &["utf-16"]);
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": LONG}}),
    );
    c.diagnostics(&uri, 1);
    let (s, e) = (
        col(LONG, "à compter de"),
        col(LONG, "à compter de") + "à compter de".encode_utf16().count(),
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 0, "character": s}, "end": {"line": 0, "character": e}}, "text": "à partir de"}
        ]}),
    );
    let edited = LONG.replace("à compter de", "à partir de");
    let at = col(&edited, "la présente");
    let a = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": at}, "end": {"line": 0, "character": at + 11}}, "context": {"diagnostics": []}}),
    );
    let actions = a["result"].as_array().unwrap();
    assert!(
        actions
            .iter()
            .all(|x| !x["title"].as_str().unwrap().contains("à partir de")),
        "no action about the text replaced: {actions:#?}"
    );
    let fix = actions
        .iter()
        .find(|x| x["title"] == "Remplacer par « cette lettre »")
        .expect("the fix of « la présente »");
    let edit = &fix["edit"]["changes"][&uri][0];
    assert_eq!(edit["range"]["start"], json!({"line": 0, "character": at}));
    assert_eq!(
        edit["range"]["end"],
        json!({"line": 0, "character": at + 11})
    );
    // The diagnostics of version 2 still follow.
    let diags = c.diagnostics(&uri, 2);
    assert!(diags.iter().all(|d| {
        let m = d["message"].as_str().unwrap();
        !m.contains("« à compter de »")
    }));
    c.request("shutdown", json!(null));
    c.notify("exit", json!(null));
    let _ = c.child.wait();
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_markdown_file_sent_as_text_is_read_as_markdown() {
    // Found with Emacs + eglot 1.9: one server manages markdown-mode and text-mode and
    // sends the languageId of the first buffer ("text") for all of them. A `.md` file
    // must still be read as Markdown: its directive comments are HTML comments, not
    // `# …` (a heading).
    let (dir, uri) = setup("langid");
    let mut c = Client::start(&dir);
    init(&mut c, &["utf-16"]);
    let text = format!("# Titre\n\n{LONG}\n");
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "text", "version": 1, "text": text}}),
    );
    let diags = c.diagnostics(&uri, 1);
    let long = diags
        .iter()
        .find(|d| d["code"] == "sentence-length")
        .expect("sentence-length");
    let a = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": long["range"], "context": {"diagnostics": [long]}}),
    );
    let line_off = a["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["title"] == "Ignorer « sentence-length » pour cette ligne")
        .expect("disable for this line")
        .clone();
    assert_eq!(
        line_off["edit"]["changes"][&uri][0]["newText"],
        "<!-- plainly-disable-next-line sentence-length -->\n"
    );
    // A file whose name says nothing keeps the client's word for it.
    let other = uri.replace("lettre.md", "lettre");
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": other, "languageId": "text", "version": 1, "text": LONG}}),
    );
    let diags = c.diagnostics(&other, 1);
    let long = diags
        .iter()
        .find(|d| d["code"] == "sentence-length")
        .expect("sentence-length")
        .clone();
    let a = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": other}, "range": long["range"], "context": {"diagnostics": [long]}}),
    );
    assert!(
        a["result"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["edit"]["changes"][&other][0]["newText"]
                == "# plainly-disable-next-line sentence-length\n"),
        "{a:#}"
    );
    c.request("shutdown", json!(null));
    c.notify("exit", json!(null));
    let _ = c.child.wait();
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn code_actions_only_of_the_kinds_asked_for() {
    // Found with VS Code (code-server 4.100.3): it asks for "quickfix" on Ctrl+. and
    // dropped, with a warning in its log, the "source.fixAll" action the server added.
    let (dir, uri) = setup("only");
    let mut c = Client::start(&dir);
    init(&mut c, &["utf-16"]);
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": LONG}}),
    );
    c.diagnostics(&uri, 1);
    let whole = json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 500}});
    let kinds = |c: &mut Client, only: Value| -> Vec<String> {
        let mut context = json!({"diagnostics": []});
        if !only.is_null() {
            context["only"] = only;
        }
        let a = c.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": whole, "context": context}),
        );
        a["result"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["kind"].as_str().unwrap_or("command").to_string())
            .collect()
    };
    let all = kinds(&mut c, Value::Null);
    assert!(all.iter().any(|k| k == "source.fixAll"), "{all:?}");
    assert!(all.iter().any(|k| k == "quickfix"), "{all:?}");
    assert!(all.iter().any(|k| k == "command"), "{all:?}");
    let quick = kinds(&mut c, json!(["quickfix"]));
    assert!(!quick.is_empty());
    assert!(
        quick.iter().all(|k| k == "quickfix" || k == "command"),
        "{quick:?}"
    );
    let fix_all = kinds(&mut c, json!(["source.fixAll"]));
    assert!(!fix_all.is_empty());
    assert!(fix_all.iter().all(|k| k == "source.fixAll"), "{fix_all:?}");
    // "source" covers "source.fixAll"; "refactor" covers nothing here.
    assert_eq!(kinds(&mut c, json!(["source"])), fix_all);
    assert!(kinds(&mut c, json!(["refactor"])).is_empty());
    c.request("shutdown", json!(null));
    c.notify("exit", json!(null));
    let _ = c.child.wait();
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn empty_configuration_changes_do_not_reanalyse() {
    // Found with Emacs + eglot and Neovim: both send didChangeConfiguration with empty
    // settings right after didOpen, and the server rebuilt its engines and published the
    // same version twice.
    let (dir, uri) = setup("emptyconf");
    let mut c = Client::start(&dir);
    init(&mut c, &["utf-16"]);
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": LONG}}),
    );
    c.notify("workspace/didChangeConfiguration", json!({"settings": {}}));
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    c.diagnostics(&uri, 1);
    // Give a second analysis time to come, then make sure it did not.
    std::thread::sleep(Duration::from_millis(1500));
    c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}),
    );
    let again = c
        .seen
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .count();
    assert_eq!(again, 0, "published again: {:#?}", c.seen);
    // Settings with content still reload (and so re-analyse).
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"plainly": {}}}),
    );
    c.diagnostics(&uri, 1);
    c.request("shutdown", json!(null));
    c.notify("exit", json!(null));
    let _ = c.child.wait();
    let _ = std::fs::remove_dir_all(&dir);
}

const TEAM_TEXT: &str = "Veuillez trouver ci-joint le formulaire. Adressez-vous au guichet unique de votre commune pour toute question.\n";

#[test]
fn project_lexicons_stay_in_their_folder() {
    let (root, _) = setup("lexicons");
    let (team, other) = (root.join("team"), root.join("other"));
    std::fs::create_dir_all(&team).unwrap();
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(team.join("plainly.toml"), "lexicons = [\"team.toml\"]\n").unwrap();
    std::fs::write(team.join("team.toml"), common::TEAM_LEXICON).unwrap();
    let team_uri = format!("file://{}/lettre.md", team.display());
    let other_uri = format!("file://{}/lettre.md", other.display());
    let mut c = Client::start(&root);
    init(&mut c, &[]);
    for uri in [&team_uri, &other_uri] {
        c.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": TEAM_TEXT}}),
        );
    }
    let is_team_term = |d: &Value| {
        d["code"] == "admin-cliche"
            && d["message"]
                .as_str()
                .is_some_and(|m| m.contains("bureau d'accueil"))
    };
    let diags = c.diagnostics(&team_uri, 1);
    let term = diags.iter().find(|d| is_team_term(d)).expect("team term");
    let col = TEAM_TEXT.find("guichet").unwrap();
    assert_eq!(term["range"]["start"], json!({"line": 0, "character": col}));
    // The other folder has no plainly.toml: built-in terms only.
    let diags = c.diagnostics(&other_uri, 1);
    assert!(!diags.iter().any(is_team_term), "{diags:#?}");
    assert!(
        diags.iter().any(|d| d["code"] == "admin-cliche"),
        "ci-joint"
    );

    // A broken lexicon file: one message to the writer, the built-in lexicons go on.
    std::fs::write(team.join("team.toml"), "lang = \"fr\"\n[[entry]]\nid = 3\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": format!("file://{}/team.toml", team.display()), "type": 2}]}),
    );
    let shown = c.wait(|m| m["method"] == "window/showMessage");
    let text = shown["params"]["message"].as_str().unwrap();
    assert!(text.contains("team.toml:3"), "{text}");
    let diags = c.diagnostics(&team_uri, 1);
    assert!(!diags.iter().any(is_team_term), "{diags:#?}");
    assert!(
        diags.iter().any(|d| d["code"] == "admin-cliche"),
        "ci-joint"
    );
    c.request("shutdown", json!(null));
    c.notify("exit", json!(null));
    let _ = c.child.wait();
    let _ = std::fs::remove_dir_all(&root);
}
