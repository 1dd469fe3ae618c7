//! `ressearch serve`: the index over HTTP, as a web page and a JSON API.
//!
//! Most people who hunt agreed language work in a browser, and other programs want an API: a
//! local server over the same index gives both, with the query language, filters and traces of
//! the command line. The server is axum on tokio; every search runs on the blocking pool
//! ([`App::run`]), at most [`App::MAX_RUNNING`] at once, each within a time limit
//! ([`REQUEST_TIME_LIMIT`] by default).
//! The page (one HTML file, a style sheet and a script, no framework) is compiled into the
//! binary (`assets`). [`api`] holds the endpoints.
//!
//! The index is read as a query reads it (read-only, see [`crate::index::open`]) and kept open;
//! a watcher thread notices when a build publishes a new generation and opens it beside the old
//! one, then swaps it in ([`Live`]). A request holds the generation it started on to its end
//! (its files stay open even if a later build removes them), so a swap fails no request.

pub mod api;
mod assets;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use anyhow::{Context, Result};
use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tantivy::{Index, Searcher};

use crate::index::{self, Fields};

/// The address served when `--addr` is not given: loopback only, so nothing is exposed unless
/// asked.
pub const DEFAULT_ADDR: &str = "127.0.0.1:7700";
/// The longest a request may take by default (`--time-limit-ms`); past it the client gets a
/// 503 and the work is dropped when it ends.
pub const REQUEST_TIME_LIMIT: Duration = Duration::from_secs(10);
/// How often the watcher looks at `CURRENT` for a new generation.
const WATCH_EVERY: Duration = Duration::from_millis(200);

/// The Content-Security-Policy of every response: the page's own script and style sheet, calls
/// to its own API, nothing inline, no frames, no plugins.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; \
     base-uri 'none'; frame-ancestors 'none'";

/// What `ressearch serve` is asked.
#[derive(Debug, Clone)]
pub struct Options {
    pub index: PathBuf,
    /// Where to listen: `127.0.0.1:7700`, `0.0.0.0:8080`, `[::1]:0` (0: any free port).
    pub addr: String,
    /// The longest a request may take.
    pub time_limit: Duration,
}

/// One generation of the index, open.
pub struct Opened {
    /// Its folder name (`ressearch-gen-…`), as `CURRENT` names it.
    pub generation: String,
    pub index: Index,
    pub fields: Fields,
    /// A searcher over it, for the reads that need no query (show, cites, similar, diff).
    pub searcher: Searcher,
}

impl Opened {
    /// Opens the live generation of `dir`, and reads what a search reads lazily (the acronyms),
    /// so that nothing of it is read by name later, when a build may have removed it.
    fn open(dir: &Path) -> Result<Opened> {
        // Read before opening: if a build swaps in between, the watcher sees a newer name
        // than this one next time and opens again.
        let generation = index::live_generation(dir)?.unwrap_or_default();
        index::read_guarded(dir, || {
            let (index, fields) = index::open(dir)?;
            let searcher = index.reader()?.searcher();
            crate::acronyms::read(&index);
            Ok(Opened {
                generation,
                index,
                fields,
                searcher,
            })
        })
    }
}

/// The index a server answers from: the live generation, replaced when a build publishes a
/// new one.
pub struct Live {
    dir: PathBuf,
    current: RwLock<Arc<Opened>>,
}

impl Live {
    /// Opens the live generation of `dir`; an error when there is no index or it is damaged.
    pub fn open(dir: &Path) -> Result<Live> {
        Ok(Live {
            dir: dir.to_path_buf(),
            current: RwLock::new(Arc::new(Opened::open(dir)?)),
        })
    }

    /// The generation open now; a request keeps it to its end.
    pub fn get(&self) -> Arc<Opened> {
        Arc::clone(&self.current.read().unwrap_or_else(|e| e.into_inner()))
    }

    /// The index folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Opens the generation `CURRENT` names if it is not the one open; `Ok(true)` when it
    /// swapped one in. A failure leaves the open one in place.
    pub fn refresh(&self) -> Result<bool> {
        let live = index::live_generation(&self.dir)?;
        if live.is_none() || live.as_deref() == Some(self.get().generation.as_str()) {
            return Ok(false);
        }
        let opened = Arc::new(Opened::open(&self.dir)?);
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = opened;
        Ok(true)
    }

    /// Watches `CURRENT` on a thread of its own for as long as the process runs, each
    /// new generation opened and swapped in; failures are said once each on standard error.
    fn watch(self: &Arc<Live>) {
        let live = Arc::clone(self);
        std::thread::Builder::new()
            .name("ressearch-watch".into())
            .spawn(move || {
                let mut last_error = String::new();
                loop {
                    std::thread::sleep(WATCH_EVERY);
                    match live.refresh() {
                        Ok(true) => {
                            last_error.clear();
                            eprintln!(
                                "ressearch serve: now answering from {}",
                                live.get().generation
                            );
                        }
                        Ok(false) => last_error.clear(),
                        Err(e) => {
                            let error = format!("{e:#}");
                            if error != last_error {
                                eprintln!(
                                    "ressearch serve: the new index cannot be opened, still answering from {}: {error}",
                                    live.get().generation
                                );
                                last_error = error;
                            }
                        }
                    }
                }
            })
            .expect("a thread can be started");
    }
}

/// The state every handler shares.
#[derive(Clone)]
pub struct App {
    pub live: Arc<Live>,
    running: Arc<tokio::sync::Semaphore>,
    time_limit: Duration,
}

impl App {
    /// How many requests run their search at once; the others wait (within their time limit).
    pub const MAX_RUNNING: usize = 4;

    pub fn new(live: Arc<Live>, time_limit: Duration) -> App {
        App {
            live,
            running: Arc::new(tokio::sync::Semaphore::new(App::MAX_RUNNING)),
            time_limit,
        }
    }

    /// Runs `work` on the blocking pool over the generation open now, within the time limit
    /// (waiting for a turn included); a panic or a damaged index is an error of the server,
    /// never of the request.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Opened) -> Result<T> + Send + 'static,
    ) -> Result<T, ApiError> {
        let running = Arc::clone(&self.running);
        let live = Arc::clone(&self.live);
        let task = async move {
            let permit = running
                .acquire_owned()
                .await
                .map_err(|_| ApiError::internal("the server is stopping"))?;
            let done = tokio::task::spawn_blocking(move || {
                let _permit = permit;
                let opened = live.get();
                index::read_guarded(live.dir(), || work(&opened))
            })
            .await
            .map_err(|e| ApiError::internal(format!("the request failed: {e}")))?;
            done.map_err(ApiError::from)
        };
        match tokio::time::timeout(self.time_limit, task).await {
            Ok(result) => result,
            Err(_) => Err(ApiError {
                status: StatusCode::SERVICE_UNAVAILABLE,
                message: format!(
                    "the request took longer than {} ms; narrow the query (more words, a filter)",
                    self.time_limit.as_millis()
                ),
            }),
        }
    }
}

/// An error answered as `{"error": "…"}` with its status: 400 for what the request asked
/// (a bad query, an unknown symbol), 500 only for the server's own failures (a damaged index).
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    fn internal(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: message.into(),
        }
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(e: anyhow::Error) -> ApiError {
        if e.downcast_ref::<index::Damaged>().is_some() {
            ApiError::internal(format!("{e:#}"))
        } else {
            ApiError::bad_request(format!("{e:#}"))
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.message }).to_string();
        (
            self.status,
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            body,
        )
            .into_response()
    }
}

/// The router: the page's files and the API, every response with the security headers.
pub fn router(app: App) -> Router {
    Router::new()
        .merge(assets::routes())
        .merge(api::routes())
        .fallback(|uri: axum::http::Uri| async move {
            ApiError {
                status: StatusCode::NOT_FOUND,
                message: format!("no such page: {}", uri.path()),
            }
        })
        .layer(axum::middleware::map_response(secure))
        .with_state(app)
}

/// Adds the security headers: the CSP, no MIME sniffing, no referrer, no framing.
async fn secure(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

/// Runs `ressearch serve` until the process is interrupted (Ctrl-C ends it cleanly).
pub fn run(options: &Options) -> Result<()> {
    let live = Arc::new(Live::open(&options.index)?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("ressearch-serve")
        .build()
        .context("cannot start the server's runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(&options.addr)
            .await
            .with_context(|| format!("cannot listen on {}", options.addr))?;
        let addr: SocketAddr = listener.local_addr()?;
        live.watch();
        if !addr.ip().is_loopback() {
            eprintln!(
                "ressearch serve: note: {addr} is reachable from other machines; whoever reaches it can read the index"
            );
        }
        eprintln!(
            "ressearch serve: listening on http://{addr}/ (index {}, {}); Ctrl-C stops",
            options.index.display(),
            live.get().generation
        );
        axum::serve(listener, router(App::new(live, options.time_limit)))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .context("the server stopped")
    })
}
