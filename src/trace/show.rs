//! `ressearch show`: a resolution read back from the index, in document order, as `segment`
//! prints it; or one clause of it; or its French and English versions side by side.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use serde_json::{Value, json};

use crate::Outcome;
use crate::index;
use crate::model::{Clause, ClauseType, Language, Resolution};
use crate::output;

use super::stored::{self, Version};
use super::write_json_line;

/// What `ressearch show` is asked.
#[derive(Debug, Clone)]
pub struct Request {
    pub index: PathBuf,
    /// The resolution, however typed (`A/RES/75/272`, `75/272`, `1325 (2000)`).
    pub symbol: String,
    /// One clause only: `PP3`, `op4`, `II.OP4`.
    pub label: Option<String>,
    /// One language version only.
    pub lang: Option<Language>,
    pub json: bool,
    /// Each clause beside its other-language version.
    pub parallel: bool,
}

/// Runs `ressearch show`.
pub fn run(request: &Request, out: &mut impl Write) -> Result<Outcome> {
    let (idx, fields) = index::open(&request.index)?;
    let searcher = idx.reader()?.searcher();
    let (symbol, versions) = select(&searcher, &fields, request)?;
    if request.parallel {
        return parallel(&symbol, &versions, request.json, out);
    }
    for (k, version) in versions.iter().enumerate() {
        if request.json {
            output::print_segmentation_json(out, &version.resolution)?;
        } else {
            if k > 0 {
                writeln!(out)?;
            }
            output::print_segmentation(out, &version.resolution)?;
        }
    }
    if versions.len() > 1 && !request.json {
        eprintln!(
            "ressearch: {} versions of {symbol} are indexed ({}); --lang chooses one",
            versions.len(),
            versions
                .iter()
                .map(|v| format!("{} from {}", v.resolution.language, v.file))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    Ok(Outcome::Found)
}

/// The resolution a request names, as its canonical symbol and its indexed versions (French
/// first), kept to the language and the clause asked for, if any.
pub fn select(
    searcher: &tantivy::Searcher,
    fields: &index::Fields,
    request: &Request,
) -> Result<(String, Vec<Version>)> {
    let symbol = stored::resolve(searcher, fields, &request.symbol)
        .with_context(|| format!("index {}", request.index.display()))?;
    let mut versions = stored::versions(searcher, fields, &symbol)?;
    if let Some(lang) = request.lang {
        versions.retain(|v| v.resolution.language == lang);
        if versions.is_empty() {
            bail!("the index holds no {lang} version of {symbol}");
        }
    }
    if let Some(label) = &request.label {
        let wanted = normalize_label(label);
        for version in &mut versions {
            let labels: Vec<String> = version
                .resolution
                .clauses
                .iter()
                .map(Clause::label)
                .collect();
            version
                .resolution
                .clauses
                .retain(|c| normalize_label(&c.label()) == wanted);
            if version.resolution.clauses.is_empty() {
                bail!(
                    "{symbol} has no clause {label}; its clauses are {}",
                    label_ranges(&labels)
                );
            }
        }
    }
    Ok((symbol, versions))
}

/// A label as compared: upper case, no spaces (`op 4` is `OP4`).
fn normalize_label(label: &str) -> String {
    label
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Labels in short: `PP1–PP12, OP1–OP20`.
fn label_ranges(labels: &[String]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut run: Vec<&String> = Vec::new();
    let prefix = |label: &str| {
        label
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .to_string()
    };
    for label in labels {
        if run.last().is_some_and(|last| prefix(last) != prefix(label)) {
            parts.push(range_of(&run));
            run.clear();
        }
        run.push(label);
    }
    if !run.is_empty() {
        parts.push(range_of(&run));
    }
    parts.join(", ")
}

fn range_of(run: &[&String]) -> String {
    match run {
        [] => String::new(),
        [one] => one.to_string(),
        [first, .., last] => format!("{first}–{last}"),
    }
}

/// A clause's place in the pairing of two versions.
fn pairing_key(clause: &Clause) -> (Option<String>, ClauseType, u32) {
    (clause.section.clone(), clause.kind, clause.number)
}

/// The French and English versions of a resolution, or an error saying which the index holds.
fn french_and_english<'a>(
    symbol: &str,
    versions: &'a [Version],
) -> Result<(&'a Resolution, &'a Resolution)> {
    let of = |lang: Language| {
        versions
            .iter()
            .find(|v| v.resolution.language == lang)
            .map(|v| &v.resolution)
    };
    let (Some(fr), Some(en)) = (of(Language::Fr), of(Language::En)) else {
        let held: Vec<String> = versions
            .iter()
            .map(|v| v.resolution.language.to_string())
            .collect();
        bail!(
            "--parallel needs the French and English versions of {symbol}; the index holds only {}",
            held.join(" and ")
        );
    };
    Ok((fr, en))
}

/// What `show --parallel --json` prints: `{"symbol", "versions": {"fr", "en"}, "clauses":
/// [{"label", "fr", "en"}]}`, the versions without their clauses.
pub fn parallel_json(symbol: &str, versions: &[Version]) -> Result<Value> {
    let (fr, en) = french_and_english(symbol, versions)?;
    let head = |res: &Resolution| {
        let mut value = serde_json::to_value(res).unwrap_or(Value::Null);
        if let Value::Object(map) = &mut value {
            map.remove("clauses");
        }
        value
    };
    let clauses: Vec<Value> = pair(fr, en)
        .iter()
        .map(|(f, e)| {
            let label = f.or(*e).map(Clause::label).unwrap_or_default();
            json!({"label": label, "fr": f, "en": e})
        })
        .collect();
    Ok(json!({
        "symbol": symbol,
        "versions": {"fr": head(fr), "en": head(en)},
        "clauses": clauses,
    }))
}

/// The French and English versions side by side, paired by section, type and number.
fn parallel(
    symbol: &str,
    versions: &[Version],
    json: bool,
    out: &mut impl Write,
) -> Result<Outcome> {
    let (fr, en) = french_and_english(symbol, versions)?;
    if json {
        write_json_line(out, &parallel_json(symbol, versions)?)?;
        return Ok(Outcome::Found);
    }
    let pairs = pair(fr, en);
    writeln!(out, "{symbol}  ({}, fr | en)", fr.body.name())?;
    for res in [fr, en] {
        if let Some(title) = &res.title {
            writeln!(out, "title {}: {title}", res.language)?;
        }
    }
    if let Some(adopted) = fr.adopted.as_ref().or(en.adopted.as_ref()) {
        writeln!(out, "adopted: {adopted}")?;
    }
    for (f, e) in &pairs {
        writeln!(out)?;
        let label = f.or(*e).map(Clause::label).unwrap_or_default();
        let opening = |c: &Option<&Clause>| c.map(|c| c.opening.clone()).unwrap_or_default();
        writeln!(out, "{label}  {} | {}", opening(f), opening(e))?;
        for (lang, clause) in [("fr", f), ("en", e)] {
            match clause {
                Some(clause) => writeln!(out, "  {lang}: {}", clause.text)?,
                None => writeln!(out, "  {lang}: (no such paragraph in this version)")?,
            }
        }
    }
    Ok(Outcome::Found)
}

/// The clauses of two versions paired by section, type and number, in the order of the first;
/// a clause of the second without a pair comes after the paired clause before it.
fn pair<'a>(
    first: &'a Resolution,
    second: &'a Resolution,
) -> Vec<(Option<&'a Clause>, Option<&'a Clause>)> {
    let mut pairs: Vec<(Option<&Clause>, Option<&Clause>)> = first
        .clauses
        .iter()
        .map(|c| {
            let other = second
                .clauses
                .iter()
                .find(|o| pairing_key(o) == pairing_key(c));
            (Some(c), other)
        })
        .collect();
    let mut at = 0;
    for clause in &second.clauses {
        if let Some(k) = pairs
            .iter()
            .position(|(_, o)| o.is_some_and(|o| std::ptr::eq(o, clause)))
        {
            at = k + 1;
        } else {
            pairs.insert(at, (None, Some(clause)));
            at += 1;
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_compared_in_any_case_and_listed_in_ranges() {
        assert_eq!(normalize_label("op 4"), "OP4");
        assert_eq!(normalize_label("ii.pp2"), "II.PP2");
        let labels: Vec<String> = ["PP1", "PP2", "PP3", "OP1", "OP2", "I.OP1"]
            .map(String::from)
            .to_vec();
        assert_eq!(label_ranges(&labels), "PP1–PP3, OP1–OP2, I.OP1");
    }
}
