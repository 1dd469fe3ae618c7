//! `ressearch serve` under load over loopback: 8 clients, 2,000 mixed requests (search, show,
//! cites, similar), no error; and the same while `ressearch index --rebuild` swaps the index
//! generation under the server. The latencies are printed (p50, p99, requests per second), not
//! asserted: timings belong to benchmarks, and this machine is shared.

use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::common::{ressearch, shared_corpus, shared_index};
use crate::serve_client::{Server, encode};

const CLIENTS: usize = 8;
const REQUESTS: usize = 2_000;

/// The mixed requests, each answered 200 on an index of the shared corpus.
fn requests() -> Vec<String> {
    let searches = [
        "diplomatie préventive",
        "sustainable development goals",
        "\"international peace and security\"",
        "sanctions OR embargo",
        "peace type:operative",
        "climate change lang:en",
        "cites:A/RES/72/7",
        "droits de l'homme",
        "refugees body:ga",
        "Security Council adopted:2000..2010",
        "nuclear weapons -testing",
        "casques bleus",
    ];
    let mut paths: Vec<String> = searches
        .iter()
        .map(|q| format!("/api/search?q={}&limit=10", encode(q)))
        .collect();
    paths.extend(
        [
            "/api/search?q=development&sort=-date&limit=20",
            "/api/show?symbol=A%2FRES%2F75%2F272",
            "/api/show?symbol=A%2FRES%2F79%2F207",
            "/api/show?symbol=A%2FRES%2F69%2F131&parallel=1",
            "/api/cites?symbol=A%2FRES%2F72%2F7",
            "/api/cites?from=A%2FRES%2F79%2F207",
            "/api/similar?symbol=A%2FRES%2F79%2F207&label=OP11",
            "/api/similar?symbol=A%2FRES%2F75%2F272&label=OP3&limit=5",
        ]
        .map(String::from),
    );
    paths
}

/// What a load run measured.
struct Measured {
    latencies: Vec<Duration>,
    errors: Vec<String>,
    elapsed: Duration,
}

impl Measured {
    fn report(&self, what: &str) {
        let mut sorted = self.latencies.clone();
        sorted.sort();
        let at = |q: f64| {
            sorted
                .get(((sorted.len() as f64 * q).ceil() as usize).saturating_sub(1))
                .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
        };
        eprintln!(
            "serve load ({what}): {} requests from {CLIENTS} clients in {:.2} s: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms, {:.0} requests/s",
            sorted.len(),
            self.elapsed.as_secs_f64(),
            at(0.50),
            at(0.99),
            at(1.0),
            sorted.len() as f64 / self.elapsed.as_secs_f64()
        );
    }
}

/// The longest a load runs past its `REQUESTS`, whatever `go_on` says.
const LONGEST: Duration = Duration::from_secs(120);

/// `CLIENTS` clients, each on its own kept-alive connection, send the mixed requests in turn
/// (each client starting at another place in the list) until `REQUESTS` were sent in all and
/// `go_on` says to stop (or [`LONGEST`] has passed).
fn load(server: &Server, go_on: impl Fn() -> bool + Sync) -> Measured {
    let paths = requests();
    let sent = AtomicUsize::new(0);
    let latencies = Mutex::new(Vec::new());
    let errors = Mutex::new(Vec::new());
    let started = Instant::now();
    std::thread::scope(|scope| {
        for client in 0..CLIENTS {
            let (paths, sent, latencies, errors, go_on, started) =
                (&paths, &sent, &latencies, &errors, &go_on, &started);
            scope.spawn(move || {
                let mut http = server.connect();
                let mut mine = Vec::new();
                let mut k = client * 3;
                loop {
                    let n = sent.fetch_add(1, Ordering::SeqCst);
                    if n >= REQUESTS && (!go_on() || started.elapsed() > LONGEST) {
                        break;
                    }
                    let path = &paths[k % paths.len()];
                    k += 1;
                    let asked = Instant::now();
                    match http.get(path) {
                        Ok(reply) if reply.status == 200 => mine.push(asked.elapsed()),
                        Ok(reply) => errors.lock().unwrap().push(format!(
                            "{path}: {} {}",
                            reply.status,
                            reply.text()
                        )),
                        Err(e) => {
                            errors.lock().unwrap().push(format!("{path}: {e}"));
                            http = server.connect();
                        }
                    }
                }
                latencies.lock().unwrap().extend(mine);
            });
        }
    });
    Measured {
        latencies: latencies.into_inner().unwrap(),
        errors: errors.into_inner().unwrap(),
        elapsed: started.elapsed(),
    }
}

#[test]
fn eight_clients_send_two_thousand_mixed_requests_without_an_error() {
    let Some(index) = shared_index() else { return };
    let server = Server::start(index);
    let measured = load(&server, || false);
    assert!(measured.errors.is_empty(), "{:#?}", measured.errors);
    assert_eq!(measured.latencies.len(), REQUESTS);
    measured.report("steady index");
}

#[test]
fn the_same_load_while_rebuilds_swap_the_index_fails_no_request() {
    let Some(corpus) = shared_corpus() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let build = |index: &Path| {
        ressearch()
            .args(["index", "--rebuild", "--index"])
            .arg(index)
            .arg(&corpus)
            .assert()
            .success();
    };
    build(&index);
    let server = Server::start(&index);
    let first = server.get("/api/status").json()["generation"].clone();
    let stop = AtomicBool::new(false);
    let swaps = AtomicUsize::new(0);
    let measured = std::thread::scope(|scope| {
        scope.spawn(|| {
            // Bounded too: a handful of rebuilds at most.
            while !stop.load(Ordering::SeqCst) && swaps.load(Ordering::SeqCst) < 6 {
                build(&index);
                swaps.fetch_add(1, Ordering::SeqCst);
            }
        });
        // Requests go on until two rebuilds have been published under them.
        let measured = load(&server, || swaps.load(Ordering::SeqCst) < 2);
        stop.store(true, Ordering::SeqCst);
        measured
    });
    assert!(measured.errors.is_empty(), "{:#?}", measured.errors);
    assert!(measured.latencies.len() >= REQUESTS);
    assert!(swaps.load(Ordering::SeqCst) >= 2);
    // The server did move to the new generations while answering.
    let started = Instant::now();
    while server.get("/api/status").json()["generation"] == first {
        assert!(started.elapsed() < Duration::from_secs(10), "never swapped");
        std::thread::sleep(Duration::from_millis(50));
    }
    let said = server.stderr.lock().unwrap().clone();
    assert!(
        said.iter().any(|l| l.contains("now answering from")),
        "{said:?}"
    );
    measured.report(&format!(
        "while {} rebuilds swapped the index",
        swaps.load(Ordering::SeqCst)
    ));
}
