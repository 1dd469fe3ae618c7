//! `ressearch diff`: the paragraphs of two resolutions aligned, by default a resolution and
//! the predecessor it recalls: which stayed the same, which moved, which changed (and in which
//! words), which were added and which removed.
//!
//! Alignment: paragraphs of the same wording ([`super::wording`]) are paired first, in order
//! (the k-th occurrence of a wording with its k-th occurrence); those keeping their relative
//! order (the longest such run) are `same`, the others `moved`. The paragraphs left are paired
//! by similarity, the most similar first, at least [`MIN_CHANGED`] similar (a preambular
//! paragraph with a preambular one before another): `changed`. What is still left was `removed`
//! from the old resolution or `added` to the new one.

use std::collections::{HashMap, VecDeque};
use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use serde_json::json;

use crate::Outcome;
use crate::index;
use crate::model::{Clause, Language, Resolution};
use crate::output::Style;

use super::stored::{self, Version};
use super::wording::{self, Hunk, Wording};
use super::{changes_json, mark_changes, write_json_line};

/// The least similarity at which two paragraphs are one paragraph changed.
pub const MIN_CHANGED: f64 = 0.5;

/// What `ressearch diff` is asked.
#[derive(Debug, Clone)]
pub struct Request {
    pub index: PathBuf,
    /// The old resolution; by default the predecessor the new one recalls.
    pub old: Option<String>,
    pub new: String,
    /// Which language version to compare when both are indexed.
    pub lang: Option<Language>,
    pub json: bool,
    /// Changed words in colour (a terminal, `--color`), else marked `[-…-]{+…+}`.
    pub color: bool,
}

/// What became of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Same,
    Moved,
    Changed,
    Added,
    Removed,
}

impl Status {
    /// The name printed in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Status::Same => "same",
            Status::Moved => "moved",
            Status::Changed => "changed",
            Status::Added => "added",
            Status::Removed => "removed",
        }
    }

    fn sign(self) -> char {
        match self {
            Status::Same => '=',
            Status::Moved => '>',
            Status::Changed => '~',
            Status::Added => '+',
            Status::Removed => '-',
        }
    }
}

/// One aligned paragraph: its index in the old resolution, in the new one, or both.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub status: Status,
    pub old: Option<usize>,
    pub new: Option<usize>,
    /// For a changed paragraph, its similarity and the edits from old to new.
    pub similarity: f64,
    pub hunks: Vec<Hunk>,
}

/// Aligns the paragraphs of two resolutions; items in the order of the new one, a removed
/// paragraph after the one it followed in the old.
pub fn align(old: &[Clause], new: &[Clause]) -> Vec<Item> {
    let old_words: Vec<Wording> = old.iter().map(|c| Wording::new(&c.text)).collect();
    let new_words: Vec<Wording> = new.iter().map(|c| Wording::new(&c.text)).collect();
    let mut old_of_new: Vec<Option<usize>> = vec![None; new.len()];
    let mut new_of_old: Vec<Option<usize>> = vec![None; old.len()];
    // The same wording, occurrences in order.
    let mut by_wording: HashMap<u64, VecDeque<usize>> = HashMap::new();
    for (i, w) in old_words.iter().enumerate() {
        by_wording.entry(w.fingerprint()).or_default().push_back(i);
    }
    for (j, w) in new_words.iter().enumerate() {
        if let Some(i) = by_wording
            .get_mut(&w.fingerprint())
            .and_then(VecDeque::pop_front)
        {
            old_of_new[j] = Some(i);
            new_of_old[i] = Some(j);
        }
    }
    let exact: Vec<(usize, usize)> = old_of_new
        .iter()
        .enumerate()
        .filter_map(|(j, i)| i.map(|i| (i, j)))
        .collect();
    let in_order: std::collections::HashSet<usize> =
        longest_increasing(&exact.iter().map(|&(i, _)| i).collect::<Vec<_>>())
            .into_iter()
            .collect();
    let mut status_of_new: Vec<Option<(Status, f64, Vec<Hunk>)>> = vec![None; new.len()];
    for (k, &(_, j)) in exact.iter().enumerate() {
        let status = if in_order.contains(&k) {
            Status::Same
        } else {
            Status::Moved
        };
        status_of_new[j] = Some((status, 1.0, Vec::new()));
    }
    // Changed: the most similar pairs of what is left.
    let mut pairs: Vec<(f64, bool, usize, usize, usize)> = Vec::new();
    for (i, ow) in old_words.iter().enumerate() {
        if new_of_old[i].is_some() {
            continue;
        }
        for (j, nw) in new_words.iter().enumerate() {
            if old_of_new[j].is_some() || ow.bag_similarity(nw) < MIN_CHANGED {
                continue;
            }
            let similarity = wording::compare(ow, nw).similarity;
            if similarity >= MIN_CHANGED {
                let same_kind = old[i].kind == new[j].kind;
                pairs.push((similarity, same_kind, i.abs_diff(j), i, j));
            }
        }
    }
    pairs.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(b.0.total_cmp(&a.0))
            .then(a.2.cmp(&b.2))
            .then((a.3, a.4).cmp(&(b.3, b.4)))
    });
    for (similarity, _, _, i, j) in pairs {
        if new_of_old[i].is_some() || old_of_new[j].is_some() {
            continue;
        }
        new_of_old[i] = Some(j);
        old_of_new[j] = Some(i);
        let hunks = wording::compare(&old_words[i], &new_words[j]).hunks;
        status_of_new[j] = Some((Status::Changed, similarity, hunks));
    }
    // In the new order; a removed paragraph after the new place of the one before it.
    let mut removed_after: HashMap<Option<usize>, Vec<usize>> = HashMap::new();
    for i in (0..old.len()).filter(|&i| new_of_old[i].is_none()) {
        let before = (0..i).rev().find_map(|p| new_of_old[p]);
        removed_after.entry(before).or_default().push(i);
    }
    let removed = |i: usize| Item {
        status: Status::Removed,
        old: Some(i),
        new: None,
        similarity: 0.0,
        hunks: Vec::new(),
    };
    let mut items: Vec<Item> = removed_after
        .remove(&None)
        .unwrap_or_default()
        .into_iter()
        .map(removed)
        .collect();
    for j in 0..new.len() {
        let (status, similarity, hunks) =
            status_of_new[j]
                .take()
                .unwrap_or((Status::Added, 0.0, Vec::new()));
        items.push(Item {
            status,
            old: old_of_new[j],
            new: Some(j),
            similarity,
            hunks,
        });
        items.extend(
            removed_after
                .remove(&Some(j))
                .unwrap_or_default()
                .into_iter()
                .map(removed),
        );
    }
    items
}

/// The indices of a longest strictly increasing subsequence of `values`.
fn longest_increasing(values: &[usize]) -> Vec<usize> {
    // Patience sorting: tails[k] is the index of the smallest tail of a run of length k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; values.len()];
    for (k, &v) in values.iter().enumerate() {
        let at = tails.partition_point(|&t| values[t] < v);
        previous[k] = at.checked_sub(1).map(|p| tails[p]);
        if at == tails.len() {
            tails.push(k);
        } else {
            tails[at] = k;
        }
    }
    let mut run = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(k) = at {
        run.push(k);
        at = previous[k];
    }
    run.reverse();
    run
}

/// Two resolutions aligned: what `ressearch diff` shows.
#[derive(Debug, Clone)]
pub struct Compared {
    pub old: Version,
    pub new: Version,
    /// The aligned paragraphs, in the new resolution's order.
    pub items: Vec<Item>,
    /// How the old resolution was chosen, when the request did not name it.
    pub chosen: Option<String>,
}

impl Compared {
    /// One aligned paragraph as `diff --json` prints it: `{"status", "old", "new", "changes"}`.
    pub fn item_json(&self, item: &Item) -> serde_json::Value {
        let (old, new) = (&self.old.resolution.clauses, &self.new.resolution.clauses);
        let label = |clauses: &[Clause], i: Option<usize>| i.map(|i| clauses[i].label());
        let changes = match (item.old, item.new) {
            (Some(i), Some(j)) if item.status == Status::Changed => changes_json(
                &Wording::new(&old[i].text),
                &Wording::new(&new[j].text),
                &item.hunks,
            ),
            _ => json!([]),
        };
        json!({
            "status": item.status.name(),
            "old": label(old, item.old),
            "new": label(new, item.new),
            "changes": changes,
        })
    }
}

/// Aligns the resolutions a request names (the old one, when not named, the predecessor the
/// new one recalls).
pub fn compare(
    searcher: &tantivy::Searcher,
    fields: &index::Fields,
    request: &Request,
) -> Result<Compared> {
    let context = || format!("index {}", request.index.display());
    let new_symbol = stored::resolve(searcher, fields, &request.new).with_context(context)?;
    let new = pick(
        stored::versions(searcher, fields, &new_symbol)?,
        request.lang,
        &new_symbol,
    )?;
    let language = new.resolution.language;
    let (old, chosen) = match &request.old {
        Some(old) => {
            let symbol = stored::resolve(searcher, fields, old).with_context(context)?;
            let versions = stored::versions(searcher, fields, &symbol)?;
            let same_language = versions.iter().any(|v| v.resolution.language == language);
            let old = pick(versions, same_language.then_some(language), &symbol)?;
            (old, None)
        }
        None => {
            let (old, why) = predecessor(searcher, fields, &new.resolution)?;
            (old, Some(why))
        }
    };
    let items = align(&old.resolution.clauses, &new.resolution.clauses);
    Ok(Compared {
        old,
        new,
        items,
        chosen,
    })
}

/// Runs `ressearch diff`.
pub fn run(request: &Request, out: &mut impl Write) -> Result<Outcome> {
    let (idx, fields) = index::open(&request.index)?;
    let searcher = idx.reader()?.searcher();
    let compared = compare(&searcher, &fields, request)?;
    if request.json {
        for item in &compared.items {
            write_json_line(out, &compared.item_json(item))?;
        }
    } else {
        print(
            out,
            &compared.old.resolution,
            &compared.new.resolution,
            &compared.items,
            compared.chosen.as_deref(),
            Style::new(request.color),
        )?;
    }
    Ok(Outcome::Found)
}

/// The version in `lang`, or else the first (French first).
fn pick(versions: Vec<Version>, lang: Option<Language>, symbol: &str) -> Result<Version> {
    let mut versions = versions.into_iter();
    match lang {
        Some(lang) => versions
            .find(|v| v.resolution.language == lang)
            .with_context(|| format!("the index holds no {lang} version of {symbol}")),
        None => versions
            .next()
            .with_context(|| format!("no resolution {symbol} in the index")),
    }
}

/// How a recalled resolution ranks as the predecessor: the same title first, then the most
/// paragraphs shared (when the title differs), then the latest session and symbol.
type Rank = (bool, usize, u64, Vec<(String, u64)>);

/// The predecessor `res` recalls: among the resolutions it cites that the index holds (in its
/// language when there), the one with the same title, the latest if several; else the one
/// sharing the most paragraphs with it, if they are at least three and a quarter of its own.
/// Also says how it was chosen.
fn predecessor(
    searcher: &tantivy::Searcher,
    fields: &index::Fields,
    res: &Resolution,
) -> Result<(Version, String)> {
    let own: std::collections::HashSet<u64> = res
        .clauses
        .iter()
        .map(|c| wording::fingerprint(&c.text))
        .collect();
    let title = Wording::new(res.title.as_deref().unwrap_or(""));
    let mut seen = std::collections::HashSet::new();
    let mut best: Option<(Rank, Version)> = None;
    for cited in res.clauses.iter().flat_map(|c| &c.cites) {
        if *cited == res.symbol || !seen.insert(cited.as_str()) {
            continue;
        }
        if !stored::has_resolution(searcher, fields, cited)? {
            continue;
        }
        let versions = stored::versions(searcher, fields, cited)?;
        let Some(version) = versions
            .iter()
            .find(|v| v.resolution.language == res.language)
            .or(versions.first())
            .cloned()
        else {
            continue;
        };
        let same_title = version
            .resolution
            .title
            .as_deref()
            .is_some_and(|t| wording::compare(&title, &Wording::new(t)).similarity >= 0.8);
        let shared = version
            .resolution
            .clauses
            .iter()
            .filter(|c| own.contains(&wording::fingerprint(&c.text)))
            .count();
        let key = (
            same_title,
            if same_title { 0 } else { shared },
            u64::from(version.resolution.session.unwrap_or(0)),
            super::natural_key(&version.resolution.symbol),
        );
        if best.as_ref().is_none_or(|(k, _)| key > *k) {
            best = Some((key, version));
        }
    }
    match best {
        Some(((true, ..), version)) => Ok((
            version,
            format!(
                "the latest resolution of the same title that {} recalls",
                res.symbol
            ),
        )),
        // A predecessor shares much of its text, not a paragraph or two of common wording.
        Some(((false, shared, ..), version)) if shared >= 3 && shared * 4 >= res.clauses.len() => {
            Ok((
                version,
                format!(
                    "the resolution {} recalls that shares the most paragraphs with it ({shared})",
                    res.symbol
                ),
            ))
        }
        _ => bail!(
            "{} recalls no resolution of the index of the same title or sharing a paragraph with it; name the old one: ressearch diff OLD {}",
            res.symbol,
            res.symbol
        ),
    }
}

/// The alignment for people: a summary, then one line a paragraph (`=` same, `>` moved, `~`
/// changed with its words marked, `+` added and `-` removed with their text).
fn print(
    out: &mut impl Write,
    old: &Resolution,
    new: &Resolution,
    items: &[Item],
    chosen: Option<&str>,
    style: Style,
) -> Result<()> {
    let count = |status| items.iter().filter(|i| i.status == status).count();
    writeln!(
        out,
        "{} → {} ({}): {} same, {} moved, {} changed, {} added, {} removed",
        old.symbol,
        new.symbol,
        new.language,
        count(Status::Same),
        count(Status::Moved),
        count(Status::Changed),
        count(Status::Added),
        count(Status::Removed),
    )?;
    if let Some(why) = chosen {
        writeln!(out, "old: {}, {why}", old.symbol)?;
    }
    writeln!(out)?;
    for item in items {
        let old_clause = item.old.map(|i| &old.clauses[i]);
        let new_clause = item.new.map(|j| &new.clauses[j]);
        let labels = match (old_clause, new_clause) {
            (Some(o), Some(n)) if o.label() == n.label() => o.label(),
            (Some(o), Some(n)) => format!("{} → {}", o.label(), n.label()),
            (Some(o), None) => o.label(),
            (None, Some(n)) => n.label(),
            (None, None) => String::new(),
        };
        let opening = new_clause.or(old_clause).map_or("", |c| c.opening.as_str());
        writeln!(out, "{} {labels}  {opening}", item.status.sign())?;
        match (item.status, old_clause, new_clause) {
            (Status::Changed, Some(o), Some(n)) => {
                let (ow, nw) = (Wording::new(&o.text), Wording::new(&n.text));
                writeln!(
                    out,
                    "    {}",
                    mark_changes(&ow, &nw, &item.hunks, &n.text, style)
                )?;
            }
            (Status::Added, _, Some(c)) | (Status::Removed, Some(c), _) => {
                writeln!(out, "    {}", c.text)?;
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ClauseType;

    fn clause(kind: ClauseType, number: u32, text: &str) -> Clause {
        Clause {
            section: None,
            kind,
            number,
            opening: String::new(),
            text: text.to_string(),
            cites: Vec::new(),
            footnotes: Vec::new(),
            subparagraphs: Vec::new(),
        }
    }

    fn statuses(items: &[Item]) -> Vec<(&'static str, Option<usize>, Option<usize>)> {
        items
            .iter()
            .map(|i| (i.status.name(), i.old, i.new))
            .collect()
    }

    #[test]
    fn paragraphs_are_same_moved_changed_added_or_removed() {
        use ClauseType::{Operative as O, Preambular as P};
        let old = [
            clause(P, 1, "Recalling its resolution 77/1 of 1 December 2022,"),
            clause(P, 2, "Reaffirming the Charter of the United Nations,"),
            clause(O, 1, "Decides to remain seized of the matter;"),
            clause(
                O,
                2,
                "Requests the Secretary-General to report to it at its seventy-eighth session;",
            ),
            clause(O, 3, "Welcomes the work of the Centre;"),
            clause(O, 4, "Invites Member States to contribute;"),
        ];
        let new = [
            clause(P, 1, "Recalling its resolution 78/1 of 1 December 2023,"),
            clause(P, 2, "Reaffirming the Charter of the United Nations,"),
            clause(O, 1, "Invites Member States to contribute;"),
            clause(O, 2, "Welcomes the work of the Centre;"),
            clause(O, 3, "Expresses concern at the situation;"),
            clause(
                O,
                4,
                "Requests the Secretary-General to report to it at its seventy-ninth session;",
            ),
        ];
        let items = align(&old, &new);
        assert_eq!(
            statuses(&items),
            [
                ("changed", Some(0), Some(0)),
                ("same", Some(1), Some(1)),
                ("removed", Some(2), None),
                ("moved", Some(5), Some(2)),
                ("same", Some(4), Some(3)),
                ("added", None, Some(4)),
                ("changed", Some(3), Some(5)),
            ]
        );
        let changed = &items[0];
        let (ow, nw) = (Wording::new(&old[0].text), Wording::new(&new[0].text));
        let words: Vec<(&str, &str)> = changed
            .hunks
            .iter()
            .map(|h| (ow.slice(h.old.clone()), nw.slice(h.new.clone())))
            .collect();
        assert_eq!(words, [("77/1", "78/1"), ("2022", "2023")]);
    }

    #[test]
    fn repeated_wordings_pair_in_order() {
        use ClauseType::Operative as O;
        let old = [clause(O, 1, "Decides;"), clause(O, 2, "Decides;")];
        let new = [
            clause(O, 1, "Decides;"),
            clause(O, 2, "Notes;"),
            clause(O, 3, "Decides;"),
        ];
        assert_eq!(
            statuses(&align(&old, &new)),
            [
                ("same", Some(0), Some(0)),
                ("added", None, Some(1)),
                ("same", Some(1), Some(2)),
            ]
        );
    }

    #[test]
    fn the_longest_increasing_run_is_found() {
        assert_eq!(longest_increasing(&[0, 1, 5, 2, 3, 4]), [0, 1, 3, 4, 5]);
        assert_eq!(longest_increasing(&[]), Vec::<usize>::new());
        assert_eq!(longest_increasing(&[3, 2, 1]).len(), 1);
    }
}
