//! plainly-lsp: the language server. Runs in process on the same engine and the same
//! `plainly.toml` as the CLI; the CLI starts it with `plainly lsp`.

mod analysis;
mod framing;
pub mod position;
mod server;

pub use server::Backend;

/// Serve the language server over stdin/stdout until the client says `exit`.
pub async fn serve_stdio() {
    serve(tokio::io::stdin(), tokio::io::stdout()).await;
}

/// Serve over any pair of streams.
pub async fn serve<R, W>(input: R, output: W)
where
    R: tokio::io::AsyncRead + Unpin + Send + 'static,
    W: tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let (service, socket) = tower_lsp_server::LspService::new(Backend::new);
    let (server_in, guard_in) = tokio::io::duplex(1 << 16);
    let (guard_out, server_out) = tokio::io::duplex(1 << 16);
    let (errors_tx, errors_rx) = tokio::sync::mpsc::unbounded_channel();
    let input_task = tokio::spawn(framing::guard_input(input, guard_in, errors_tx));
    let output_task = tokio::spawn(framing::merge_output(server_out, output, errors_rx));
    // One message at a time, in arrival order: edits to a document are applied strictly
    // in order. Analysis itself runs on blocking threads, so this does not stall.
    tower_lsp_server::Server::new(server_in, guard_out, socket)
        .concurrency_level(1)
        .serve(service)
        .await;
    input_task.abort();
    let _ = output_task.await;
}
