// Minimal VS Code client for the plainly language server (`plainly lsp`).
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("plainly").get("path", "plainly");
  const serverOptions = { command, args: ["lsp"] };
  const clientOptions = {
    documentSelector: [
      { scheme: "file", language: "markdown" },
      { scheme: "file", language: "plaintext" },
      { scheme: "file", language: "html" },
      { scheme: "untitled", language: "markdown" },
      { scheme: "untitled", language: "plaintext" },
    ],
    synchronize: {
      // The server re-reads plainly.toml when it changes.
      fileEvents: vscode.workspace.createFileSystemWatcher("**/plainly.toml"),
    },
  };
  client = new LanguageClient("plainly", "plainly", serverOptions, clientOptions);
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
