//! The JSON API: the query language, filters and traces of the command line over HTTP.
//!
//! Each endpoint answers what its command prints with `--json` (the same objects, from the same
//! functions), wrapped in one JSON object. Parameters are checked before any search: an unknown
//! or repeated parameter, a value out of range or a query too long is a 400 with
//! `{"error": "…"}` saying what to change. No parameter names a file.

use std::str::FromStr;
use std::time::Instant;

use anyhow::Result;
use axum::Router;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};

use super::{ApiError, App, Opened};
use crate::cite;
use crate::model::{Body, ClauseType, DateRange, Language, MAX_SESSION, Sort};
use crate::output;
use crate::query::Reading;
use crate::search::{COUNT_BOUND, Filters, Search};
use crate::trace::{self, stored, wording::Wording};

/// The longest query text (`q`), in characters.
pub const MAX_QUERY_CHARS: usize = 2_000;
/// The longest paragraph `similar` compares (`text`), in characters.
pub const MAX_TEXT_CHARS: usize = 10_000;
/// The most hits one request returns.
pub const MAX_LIMIT: usize = 1_000;
/// The deepest a list of hits is paged (`offset`).
pub const MAX_OFFSET: usize = 10_000;
/// Hits returned when `limit` is not given.
pub const DEFAULT_LIMIT: usize = 20;

/// `/api/search`, `/api/show`, `/api/cites`, `/api/similar`, `/api/diff`, `/api/status`.
pub fn routes() -> Router<App> {
    Router::new()
        .route("/api/search", get(search))
        .route("/api/show", get(show))
        .route("/api/cites", get(cites))
        .route("/api/similar", get(similar))
        .route("/api/diff", get(diff))
        .route("/api/status", get(status))
}

type Raw = Result<Query<Vec<(String, String)>>, QueryRejection>;

/// A request's parameters, checked against those the endpoint takes.
struct Params(Vec<(String, String)>);

impl Params {
    /// The parameters of `raw`, each one of `known`, each at most once.
    fn of(raw: Raw, known: &[&str]) -> Result<Params, ApiError> {
        let Query(pairs) = raw.map_err(|e| ApiError::bad_request(e.body_text()))?;
        for (k, (name, _)) in pairs.iter().enumerate() {
            if !known.contains(&name.as_str()) {
                return Err(ApiError::bad_request(format!(
                    "unknown parameter {name:?}; this endpoint takes {}",
                    known.join(", ")
                )));
            }
            if pairs[..k].iter().any(|(other, _)| other == name) {
                return Err(ApiError::bad_request(format!(
                    "parameter {name:?} is given twice"
                )));
            }
        }
        Ok(Params(pairs))
    }

    /// The value of `name`, `None` when absent or empty.
    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.trim().is_empty())
    }

    fn required(&self, name: &str, example: &str) -> Result<&str, ApiError> {
        self.get(name).ok_or_else(|| {
            ApiError::bad_request(format!(
                "parameter {name:?} is missing; e.g. {name}={example}"
            ))
        })
    }

    /// A text at most `max` characters long.
    fn text(&self, name: &str, max: usize) -> Result<Option<String>, ApiError> {
        match self.get(name) {
            Some(text) if text.chars().count() > max => Err(ApiError::bad_request(format!(
                "parameter {name:?} is longer than {max} characters"
            ))),
            other => Ok(other.map(str::to_string)),
        }
    }

    /// A value of a vocabulary or a range (`type`, `lang`, `adopted`…).
    fn parsed<T: FromStr>(&self, name: &str) -> Result<Option<T>, ApiError>
    where
        T::Err: std::fmt::Display,
    {
        self.get(name)
            .map(|v| {
                v.parse::<T>()
                    .map_err(|e| ApiError::bad_request(format!("parameter {name:?}: {e}")))
            })
            .transpose()
    }

    /// A whole number from `min` to `max`.
    fn number(&self, name: &str, min: usize, max: usize) -> Result<Option<usize>, ApiError> {
        self.get(name)
            .map(|v| match v.trim().parse::<usize>() {
                Ok(n) if (min..=max).contains(&n) => Ok(n),
                _ => Err(ApiError::bad_request(format!(
                    "parameter {name:?} must be a whole number from {min} to {max}, not {v:?}"
                ))),
            })
            .transpose()
    }

    /// `1`/`true`/`yes` or `0`/`false`/`no`; absent is false.
    fn flag(&self, name: &str) -> Result<bool, ApiError> {
        match self.get(name).map(str::to_ascii_lowercase).as_deref() {
            None | Some("0" | "false" | "no") => Ok(false),
            Some("1" | "true" | "yes") => Ok(true),
            Some(other) => Err(ApiError::bad_request(format!(
                "parameter {name:?} is 1 or 0, not {other:?}"
            ))),
        }
    }

    /// `lang`: `fr`, `en`, or `any` (the words looked for in both languages).
    fn language_choice(&self) -> Result<(Option<Language>, bool), ApiError> {
        match self.get("lang") {
            Some(v) if v.trim().eq_ignore_ascii_case("any") => Ok((None, true)),
            _ => Ok((self.parsed::<Language>("lang")?, false)),
        }
    }
}

fn json_response(value: Value) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        value.to_string(),
    )
        .into_response()
}

fn elapsed_ms(started: Instant) -> f64 {
    (started.elapsed().as_secs_f64() * 1e5).round() / 100.0
}

/// How `/api/search` answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    /// `{"total", "took_ms", "hits": […]}`.
    Json,
    /// One hit a line, as `query --json` prints them.
    Ndjson,
    /// A spreadsheet: one row a hit.
    Csv,
}

/// `GET /api/search?q=…&limit=&offset=&lang=&type=&body=&session=&cites=&symbol=&adopted=&sort=&fixed=&format=`
async fn search(State(app): State<App>, raw: Raw) -> Response {
    let params = match Params::of(
        raw,
        &[
            "q", "limit", "offset", "lang", "type", "body", "session", "cites", "symbol",
            "adopted", "sort", "fixed", "format",
        ],
    ) {
        Ok(params) => params,
        Err(e) => return e.into_response(),
    };
    let request = match SearchRequest::of(&params) {
        Ok(request) => request,
        Err(e) => return e.into_response(),
    };
    let format = request.format;
    match app.run(move |opened| request.answer(opened)).await {
        Ok(answer) => match format {
            Format::Json => json_response(answer),
            Format::Ndjson => download(
                "application/x-ndjson; charset=utf-8",
                "ressearch.ndjson",
                ndjson(&answer),
            ),
            Format::Csv => download("text/csv; charset=utf-8", "ressearch.csv", csv(&answer)),
        },
        Err(e) => e.into_response(),
    }
}

/// A search, its parameters read.
struct SearchRequest {
    q: String,
    filters: Filters,
    limit: usize,
    offset: usize,
    reading: Reading,
    format: Format,
}

impl SearchRequest {
    fn of(params: &Params) -> Result<SearchRequest, ApiError> {
        let (lang, any_language) = params.language_choice()?;
        let session = params
            .number("session", 1, MAX_SESSION as usize)?
            .map(|s| s as u32);
        let filters = Filters {
            kind: params.parsed::<ClauseType>("type")?,
            cites: params.text("cites", 200)?,
            symbol: params.text("symbol", 200)?,
            lang,
            body: params.parsed::<Body>("body")?,
            session,
            adopted: params.parsed::<DateRange>("adopted")?,
            any_language,
            sort: params.parsed::<Sort>("sort")?.unwrap_or_default(),
        };
        let q = params.text("q", MAX_QUERY_CHARS)?.unwrap_or_default();
        if q.trim().is_empty() && filters.to_vec().is_empty() {
            return Err(ApiError::bad_request(
                "parameter \"q\" is missing; e.g. q=diplomatie préventive, or a filter such as cites=A/RES/72/7",
            ));
        }
        let format = match params.get("format").map(str::to_ascii_lowercase).as_deref() {
            None | Some("json") => Format::Json,
            Some("ndjson") => Format::Ndjson,
            Some("csv") => Format::Csv,
            Some(other) => {
                return Err(ApiError::bad_request(format!(
                    "parameter \"format\" is json, ndjson or csv, not {other:?}"
                )));
            }
        };
        Ok(SearchRequest {
            q,
            filters,
            limit: params
                .number("limit", 0, MAX_LIMIT)?
                .unwrap_or(DEFAULT_LIMIT),
            offset: params.number("offset", 0, MAX_OFFSET)?.unwrap_or(0),
            reading: if params.flag("fixed")? {
                Reading::FixedStrings
            } else {
                Reading::Syntax
            },
            format,
        })
    }

    /// `{"total", "took_ms", "offset", "limit", "hits": [as query --json]}`, and `"note"` when
    /// the query was read as plain words.
    fn answer(&self, opened: &Opened) -> Result<Value> {
        let started = Instant::now();
        let search = Search::with_reading(
            &opened.index,
            opened.fields,
            &self.q,
            &self.filters,
            self.reading,
        )?
        .with_text_highlights();
        let top = search.top(self.offset + self.limit)?;
        // Counted as `query` counts: exactly up to the bound (or the page's end), then "more".
        let (total, total_is_lower_bound) =
            search.count_up_to(COUNT_BOUND.max(self.offset + self.limit))?;
        let mut hits = search.hits(top.get(self.offset..).unwrap_or_default())?;
        // As `Search::run` marks them: past the clauses with every word come near matches (a
        // lower bound is at least the page's end, so none is marked then).
        for (k, hit) in hits.iter_mut().enumerate() {
            hit.near = self.offset + k >= total;
        }
        let hits = hits
            .iter()
            .map(output::hit_json)
            .collect::<serde_json::Result<Vec<Value>>>()?;
        let mut answer = json!({
            "total": total,
            "total_is_lower_bound": total_is_lower_bound,
            "took_ms": elapsed_ms(started),
            "offset": self.offset,
            "limit": self.limit,
            "hits": hits,
        });
        if let Some(why) = search.plain_words() {
            answer["note"] = json!(format!("read as plain words: {}", why.reason()));
        }
        Ok(answer)
    }
}

fn download(content_type: &'static str, name: &str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response()
}

/// The hits of an answer, one JSON object a line.
fn ndjson(answer: &Value) -> String {
    let mut out = String::new();
    for hit in answer["hits"].as_array().into_iter().flatten() {
        out.push_str(&hit.to_string());
        out.push('\n');
    }
    out
}

/// The columns of the CSV download, keys of the hit objects.
const CSV_COLUMNS: [&str; 13] = [
    "symbol", "label", "type", "language", "body", "session", "adopted", "title", "opening",
    "text", "cites", "score", "url",
];

/// The hits of an answer as CSV (RFC 4180: a header row, every field quoted, CRLF line ends).
/// A field a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return) gets a leading `'`.
fn csv(answer: &Value) -> String {
    let mut out = String::new();
    let row = |out: &mut String, cells: &mut dyn Iterator<Item = String>| {
        let quoted: Vec<String> = cells
            .map(|cell| {
                let cell = if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                    format!("'{cell}")
                } else {
                    cell
                };
                format!("\"{}\"", cell.replace('"', "\"\""))
            })
            .collect();
        out.push_str(&quoted.join(","));
        out.push_str("\r\n");
    };
    row(&mut out, &mut CSV_COLUMNS.iter().map(|c| c.to_string()));
    for hit in answer["hits"].as_array().into_iter().flatten() {
        row(
            &mut out,
            &mut CSV_COLUMNS.iter().map(|&column| match &hit[column] {
                Value::Null => String::new(),
                Value::String(s) => s.clone(),
                Value::Array(items) => items
                    .iter()
                    .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                    .collect::<Vec<_>>()
                    .join("; "),
                other => other.to_string(),
            }),
        );
    }
    out
}

/// `GET /api/show?symbol=…&label=&lang=&parallel=`: the object of `show --json` (the first
/// version, French first, or the one of `lang`), with `"languages"`, the languages indexed; with
/// `parallel=1`, the object of `show --parallel --json`.
async fn show(State(app): State<App>, raw: Raw) -> Response {
    let run = async {
        let params = Params::of(raw, &["symbol", "label", "lang", "parallel"])?;
        let request = trace::show::Request {
            index: app.live.dir().to_path_buf(),
            symbol: params.text("symbol", 200)?.unwrap_or_default(),
            label: params.text("label", 50)?,
            lang: params.parsed::<Language>("lang")?,
            json: true,
            parallel: params.flag("parallel")?,
        };
        params.required("symbol", "A/RES/75/272")?;
        app.run(move |opened| {
            let (symbol, versions) =
                trace::show::select(&opened.searcher, &opened.fields, &request)?;
            if request.parallel {
                return trace::show::parallel_json(&symbol, &versions);
            }
            let languages: Vec<Language> = versions.iter().map(|v| v.resolution.language).collect();
            let mut value = serde_json::to_value(&versions[0].resolution)?;
            value["languages"] = json!(languages);
            Ok(value)
        })
        .await
    };
    answer(run.await)
}

fn answer(result: Result<Value, ApiError>) -> Response {
    match result {
        Ok(value) => json_response(value),
        Err(e) => e.into_response(),
    }
}

/// `GET /api/cites?symbol=…` (the clauses citing a document, as `cites --json`) or
/// `?from=…` (what a resolution cites, as `cites --from --json`).
async fn cites(State(app): State<App>, raw: Raw) -> Response {
    let run = async {
        let params = Params::of(raw, &["symbol", "from"])?;
        match (params.text("symbol", 200)?, params.text("from", 200)?) {
            (Some(typed), None) => {
                let symbol = cite::read_cited(&typed).ok_or_else(|| {
                    ApiError::bad_request(format!(
                        "{typed:?} is not a document symbol or reference; e.g. A/RES/72/7, S/RES/1325 (2000), 1325 (2000), 72/7"
                    ))
                })?;
                app.run(move |opened| {
                    let clauses =
                        trace::cites::clauses_citing(&opened.searcher, &opened.fields, &symbol)?;
                    let clauses: Vec<Value> = clauses
                        .iter()
                        .map(|c| trace::cites::citing_json(c, &symbol))
                        .collect();
                    Ok(json!({"symbol": symbol, "clauses": clauses}))
                })
                .await
            }
            (None, Some(typed)) => {
                app.run(move |opened| {
                    let symbol = stored::resolve(&opened.searcher, &opened.fields, &typed)?;
                    let cited =
                        trace::cites::cited_documents(&opened.searcher, &opened.fields, &symbol)?;
                    let cited: Vec<Value> = cited.iter().map(|c| c.json()).collect();
                    Ok(json!({"symbol": symbol, "cites": cited}))
                })
                .await
            }
            _ => Err(ApiError::bad_request(
                "give symbol= (the clauses citing it) or from= (what it cites), one of them; e.g. symbol=A/RES/72/7",
            )),
        }
    };
    answer(run.await)
}

/// `GET /api/similar?text=…` or `?symbol=…&label=…`, with `limit=`, `min=` (the least
/// similarity, 0 to 1) and `lang=`: `{"paragraph", "took_ms", "hits": [as similar --json]}`.
async fn similar(State(app): State<App>, raw: Raw) -> Response {
    let run = async {
        let params = Params::of(raw, &["text", "symbol", "label", "limit", "min", "lang"])?;
        let min_similarity = match params.get("min") {
            None => 0.5,
            Some(v) => match v.trim().parse::<f64>() {
                Ok(x) if (0.0..=1.0).contains(&x) => x,
                _ => {
                    return Err(ApiError::bad_request(format!(
                        "parameter \"min\" is a similarity from 0 to 1, e.g. 0.8, not {v:?}"
                    )));
                }
            },
        };
        let request = trace::similar::Request {
            index: app.live.dir().to_path_buf(),
            text: params.text("text", MAX_TEXT_CHARS)?,
            symbol: params.text("symbol", 200)?,
            label: params.text("label", 50)?,
            lang: params.parsed::<Language>("lang")?,
            limit: params.number("limit", 1, MAX_LIMIT)?.unwrap_or(10),
            min_similarity,
            json: true,
            color: false,
        };
        if request.text.is_some() == (request.symbol.is_some() || request.label.is_some())
            || request.symbol.is_some() != request.label.is_some()
        {
            return Err(ApiError::bad_request(
                "give text= (a paragraph), or symbol= and label= (a clause of the index); e.g. symbol=A/RES/79/207&label=OP11",
            ));
        }
        app.run(move |opened| {
            let started = Instant::now();
            let (paragraph, found) =
                trace::similar::find(&opened.searcher, &opened.fields, &request)?;
            let wording = Wording::new(&paragraph);
            let hits: Vec<Value> = found
                .iter()
                .map(|f| trace::similar::found_json(&wording, f))
                .collect();
            Ok(json!({"paragraph": paragraph, "took_ms": elapsed_ms(started), "hits": hits}))
        })
        .await
    };
    answer(run.await)
}

/// `GET /api/diff?new=…&old=&lang=`: `{"old", "new", "language", "chosen", "paragraphs": [as
/// diff --json]}`; without `old`, the predecessor `new` recalls (`chosen` says how).
async fn diff(State(app): State<App>, raw: Raw) -> Response {
    let run = async {
        let params = Params::of(raw, &["old", "new", "lang"])?;
        params.required("new", "A/RES/79/207")?;
        let request = trace::diff::Request {
            index: app.live.dir().to_path_buf(),
            old: params.text("old", 200)?,
            new: params.text("new", 200)?.unwrap_or_default(),
            lang: params.parsed::<Language>("lang")?,
            json: true,
            color: false,
        };
        app.run(move |opened| {
            let compared = trace::diff::compare(&opened.searcher, &opened.fields, &request)?;
            let paragraphs: Vec<Value> = compared
                .items
                .iter()
                .map(|item| compared.item_json(item))
                .collect();
            Ok(json!({
                "old": compared.old.resolution.symbol,
                "new": compared.new.resolution.symbol,
                "language": compared.new.resolution.language,
                "chosen": compared.chosen,
                "paragraphs": paragraphs,
            }))
        })
        .await
    };
    answer(run.await)
}

/// `GET /api/status`: `{"generation", "clauses"}`, the index generation answering and its
/// number of clauses.
async fn status(State(app): State<App>, raw: Raw) -> Response {
    let run = async {
        Params::of(raw, &[])?;
        let opened = app.live.get();
        Ok(json!({
            "generation": opened.generation,
            "clauses": opened.searcher.num_docs(),
        }))
    };
    answer(run.await)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_every_field_and_defuses_formulas() {
        let answer = json!({"hits": [{
            "symbol": "A/RES/1/1", "label": "OP1", "type": "operative", "language": "en",
            "body": "ga", "session": 1, "adopted": null, "title": "A \"quoted\" title",
            "opening": "Decides", "text": "=HYPERLINK(\"x\"), then\nmore", "cites": ["A/1", "A/2"],
            "score": 1.5, "url": "https://undocs.org/A/RES/1/1"
        }]});
        let csv = csv(&answer);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "\"symbol\",\"label\",\"type\",\"language\",\"body\",\"session\",\"adopted\",\"title\",\"opening\",\"text\",\"cites\",\"score\",\"url\""
        );
        assert_eq!(
            lines[1],
            "\"A/RES/1/1\",\"OP1\",\"operative\",\"en\",\"ga\",\"1\",\"\",\"A \"\"quoted\"\" title\",\"Decides\",\"'=HYPERLINK(\"\"x\"\"), then\nmore\",\"A/1; A/2\",\"1.5\",\"https://undocs.org/A/RES/1/1\""
        );
    }
}
