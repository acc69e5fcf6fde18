//! A guard between the editor and the LSP library: reads the client's frames itself,
//! answers malformed ones with a JSON-RPC parse error and goes on — the library's codec
//! would end the session at the first bad message — and caps message sizes.

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

/// Largest message accepted (a whole document in `didOpen` fits comfortably).
const MAX_MESSAGE: usize = 64 * 1024 * 1024;

/// Read one frame's body: `Ok(None)` at end of input, `Err(reason)` for a bad frame
/// (already skipped, so reading can go on).
async fn read_frame<R: AsyncRead + Unpin>(
    r: &mut BufReader<R>,
) -> std::io::Result<Option<Result<Vec<u8>, String>>> {
    let mut len: Option<usize> = None;
    let mut bad_header = None;
    let mut saw_header = false;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).await? == 0 {
            return Ok(None);
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if saw_header {
                break;
            }
            continue;
        }
        saw_header = true;
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                match value.trim().parse::<usize>() {
                    Ok(n) => len = Some(n),
                    Err(_) => bad_header = Some(format!("bad Content-Length '{}'", value.trim())),
                }
            }
        } else {
            bad_header = Some(format!("bad header line '{line}'"));
        }
    }
    let Some(len) = len else {
        return Ok(Some(Err(
            bad_header.unwrap_or_else(|| "missing Content-Length".into())
        )));
    };
    if len > MAX_MESSAGE {
        // Skip the body without keeping it.
        let mut sink = tokio::io::sink();
        let mut take = (&mut *r).take(len as u64);
        tokio::io::copy(&mut take, &mut sink).await?;
        return Ok(Some(Err(format!(
            "message of {len} bytes is over the limit"
        ))));
    }
    let mut body = vec![0u8; len];
    r.read_exact(&mut body).await?;
    Ok(Some(Ok(body)))
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// Forward good frames from `input` to `to_server`; answer bad ones through `errors`.
pub async fn guard_input<R, W>(input: R, mut to_server: W, errors: mpsc::UnboundedSender<Value>)
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut r = BufReader::new(input);
    loop {
        let frame_result = match read_frame(&mut r).await {
            Ok(Some(f)) => f,
            Ok(None) | Err(_) => break,
        };
        let problem = match frame_result {
            Err(reason) => Some(reason),
            Ok(body) => match serde_json::from_slice::<Value>(&body) {
                Ok(Value::Object(_)) => {
                    if to_server.write_all(&frame(&body)).await.is_err() {
                        break;
                    }
                    let _ = to_server.flush().await;
                    None
                }
                Ok(_) => Some("a message must be a JSON object".into()),
                Err(e) => Some(format!("not JSON: {e}")),
            },
        };
        if let Some(reason) = problem {
            eprintln!("plainly lsp: ignored a malformed message ({reason})");
            let _ = errors.send(json!({
                "jsonrpc": "2.0",
                "id": null,
                "error": { "code": -32700, "message": format!("Parse error: {reason}") },
            }));
        }
    }
    let _ = to_server.shutdown().await;
}

/// Copy the server's frames to `output`, slipping in the guard's error replies between
/// whole frames.
pub async fn merge_output<R, W>(
    from_server: R,
    mut output: W,
    mut errors: mpsc::UnboundedReceiver<Value>,
) where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut r = BufReader::new(from_server);
    let mut errors_open = true;
    loop {
        tokio::select! {
            f = read_frame(&mut r) => match f {
                Ok(Some(Ok(body))) => {
                    if output.write_all(&frame(&body)).await.is_err() { break; }
                    let _ = output.flush().await;
                }
                Ok(Some(Err(_))) => continue,
                Ok(None) | Err(_) => break,
            },
            e = errors.recv(), if errors_open => match e {
                Some(v) => {
                    let body = v.to_string().into_bytes();
                    if output.write_all(&frame(&body)).await.is_err() { break; }
                    let _ = output.flush().await;
                }
                None => errors_open = false,
            },
        }
    }
    let _ = output.flush().await;
}
