//! The words users mean: a bilingual thesaurus of UN concepts, for names the texts do not use.
//!
//! A user types "blue helmets" where resolutions say "peacekeeping operations", "global
//! warming" where they say "climate change", "casques bleus" and expects English texts too. The
//! thesaurus ships in the binary as a plain file (`src/thesaurus.txt`): one concept a line, its
//! names in English and French separated by ` | `. Users extend it with a file of the same
//! form, `$RESSEARCH_THESAURUS` or `thesaurus.txt` under `$XDG_CONFIG_HOME/ressearch`
//! (`~/.config/ressearch`). [`crate::search`] adds the other names of a concept the query names
//! as alternatives ranked below the words typed.
//!
//! Names are compared as each language's analyzer reads them (lower case, accents folded,
//! stemmed, stop words left out), so "dirty bombs" names the concept of "dirty bomb". Stemming
//! every name at every start would cost a query process a fifth of its time: the built-in
//! names' keys are computed ahead of time (`src/thesaurus.keys`), and the names of user files
//! and of an index's acronyms are analysed only when a query's words could match them
//! ([`analyzer::Initials`]).

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use anyhow::{Context, Result};

use crate::analyzer;
use crate::model::Language;

/// The thesaurus shipped with the binary.
pub const BUILT_IN: &str = include_str!("thesaurus.txt");

/// The keys of the built-in thesaurus's names, computed ahead of time so that a process does
/// not stem its 700 names in two languages at every start (see [`Table`]). A test checks it
/// against the analyzer (`RESSEARCH_BLESS=1 cargo test --profile ci --lib thesaurus` rewrites
/// it after a change of either); when it was not made from this [`BUILT_IN`], the built-in
/// names are analysed like a user file's.
const BUILT_IN_KEYS: &str = include_str!("thesaurus.keys");

/// The most words a name may have.
pub const MAX_NAME_WORDS: usize = 12;

/// Concepts and the keys of their names.
#[derive(Debug, Default)]
pub struct Thesaurus {
    /// The thesaurus this one adds concepts to, whose concepts come first.
    base: Option<&'static Thesaurus>,
    /// Concepts looked up in a table of their keys (the built-in ones), which come next.
    table: Option<Table>,
    /// Each concept of its own: its names, analysed when a query may name them.
    concepts: Vec<Vec<Name>>,
}

/// Concepts looked up in a table of their keys: the table's lines, `key<TAB>ids` (the ids of
/// the concepts with a name of that key, in order, separated by spaces), sorted by key, so
/// that a key is found by bisection with nothing read or built at start; the concepts' names
/// are read from their text the first time a key is found.
#[derive(Debug)]
struct Table {
    /// The sorted lines.
    lines: &'static str,
    /// The text of the concepts (a thesaurus file).
    text: &'static str,
    /// How many concepts the text holds.
    len: usize,
    concepts: OnceLock<Vec<Vec<Name>>>,
}

impl Table {
    /// The table `keys` (as the tests' `keys_table` writes it), when it was made from `text`.
    fn of(text: &'static str, keys: &'static str) -> Option<Table> {
        let mut rest = keys;
        let mut made_from = None;
        while let Some(comment) = rest.strip_prefix('#') {
            let (line, next) = comment.split_once('\n').unwrap_or((comment, ""));
            if let Some(source) = line.strip_prefix(" thesaurus.txt ") {
                made_from = source.split_once(' ');
            }
            rest = next;
        }
        let (hash, len) = made_from?;
        (u64::from_str_radix(hash, 16).ok()? == xxhash_rust::xxh3::xxh3_64(text.as_bytes())).then(
            || Table {
                lines: rest,
                text,
                len: len.parse().unwrap_or_default(),
                concepts: OnceLock::new(),
            },
        )
    }

    /// The ids of the concepts with a name of key `key`, in order.
    fn ids(&self, key: &str) -> impl Iterator<Item = usize> + use<> {
        let lines = self.lines;
        // `low` and `high` stay at the starts of lines.
        let (mut low, mut high) = (0, lines.len());
        let mut found = "";
        while low < high {
            let middle = low + (high - low) / 2;
            let start = lines[low..middle].rfind('\n').map_or(low, |i| low + i + 1);
            let end = lines[start..].find('\n').map_or(lines.len(), |i| start + i);
            let (line_key, ids) = lines[start..end].split_once('\t').unwrap_or_default();
            match line_key.cmp(key) {
                std::cmp::Ordering::Less => low = end + 1,
                std::cmp::Ordering::Greater => high = start,
                std::cmp::Ordering::Equal => {
                    found = ids;
                    break;
                }
            }
        }
        found.split(' ').filter_map(|id| id.parse().ok())
    }

    /// The concepts, read from the text the first time.
    fn concepts(&self) -> &[Vec<Name>] {
        self.concepts.get_or_init(|| {
            let names = |names: Vec<Cow<'static, str>>| names.into_iter().map(Name::new).collect();
            concepts(self.text).map(names).collect()
        })
    }
}

/// A name of a concept, as written, and its keys.
#[derive(Debug)]
struct Name {
    text: Cow<'static, str>,
    /// Its keys, analysed when first needed.
    keys: OnceLock<Vec<String>>,
    /// The initials of its words: which keys it may have, known without analysing it.
    initials: OnceLock<analyzer::Initials>,
}

impl Name {
    fn new(text: Cow<'static, str>) -> Name {
        Name {
            keys: OnceLock::new(),
            initials: OnceLock::new(),
            text,
        }
    }

    /// Its keys, see [`keys`].
    fn keys(&self) -> &[String] {
        self.keys.get_or_init(|| keys(&self.text))
    }

    /// Whether it has the key `key`, which needs the initials `needed`: analysed only when
    /// the initials of its words can give them (hyphens left in, the initials of a hyphenated
    /// word's parts are more than those of the word glued, which is no harm).
    fn has(&self, key: &str, needed: &analyzer::Initials) -> bool {
        let initials = || analyzer::Initials::of_text(&self.text);
        if self.keys.get().is_none() && !self.initials.get_or_init(initials).may_give(needed) {
            return false;
        }
        self.keys().iter().any(|k| k == key)
    }
}

impl Thesaurus {
    /// Reads a thesaurus file's text; lines that name fewer than two alternatives are ignored.
    pub fn parse(text: &str) -> Thesaurus {
        let mut thesaurus = Thesaurus::default();
        thesaurus.extend(text);
        thesaurus
    }

    /// Adds the concepts of another file's text.
    pub fn extend(&mut self, text: &str) {
        for names in concepts(text) {
            let names = names
                .into_iter()
                .map(|name| Name::new(Cow::Owned(name.into_owned())));
            self.concepts.push(names.collect());
        }
    }

    /// The concepts of `text`, looked up in the table of their keys `keys` when it was made
    /// from `text`, else analysed as a user file's.
    fn with_table(text: &'static str, keys: &'static str) -> Thesaurus {
        match Table::of(text, keys) {
            Some(table) => Thesaurus {
                table: Some(table),
                ..Thesaurus::default()
            },
            None => Thesaurus::parse(text),
        }
    }

    /// The built-in thesaurus and the user's, read once. A user file that cannot be read is an
    /// error naming it.
    pub fn global() -> Result<&'static Thesaurus> {
        static GLOBAL: OnceLock<Thesaurus> = OnceLock::new();
        if let Some(thesaurus) = GLOBAL.get() {
            return Ok(thesaurus);
        }
        let mut thesaurus = Thesaurus::with_table(BUILT_IN, BUILT_IN_KEYS);
        for path in user_files() {
            let text = std::fs::read_to_string(&path).with_context(|| {
                format!(
                    "cannot read the thesaurus {}; fix or remove it (or unset RESSEARCH_THESAURUS)",
                    path.display()
                )
            })?;
            thesaurus.extend(&text);
        }
        Ok(GLOBAL.get_or_init(|| thesaurus))
    }

    /// The built-in and user thesaurus with an index's mined acronyms added (see
    /// [`crate::acronyms`]); built once per distinct acronyms file.
    pub fn with_acronyms(acronyms: &str) -> Result<&'static Thesaurus> {
        static WITH: OnceLock<Mutex<HashMap<u64, &'static Thesaurus>>> = OnceLock::new();
        let global = Thesaurus::global()?;
        if acronyms.trim().is_empty() {
            return Ok(global);
        }
        let key = xxhash_rust::xxh3::xxh3_64(acronyms.as_bytes());
        let cache = WITH.get_or_init(|| Mutex::new(HashMap::new()));
        let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(thesaurus) = cache.get(&key) {
            return Ok(thesaurus);
        }
        // The acronyms' concepts on top of the global ones, which are not copied.
        let thesaurus = Thesaurus::on(global, acronyms);
        // One per index a process opens: kept for the life of the process.
        let thesaurus: &'static Thesaurus = Box::leak(Box::new(thesaurus));
        cache.insert(key, thesaurus);
        Ok(thesaurus)
    }

    /// `base` with the concepts of `text` added after its own.
    fn on(base: &'static Thesaurus, text: &str) -> Thesaurus {
        let mut thesaurus = Thesaurus {
            base: Some(base),
            ..Thesaurus::default()
        };
        thesaurus.extend(text);
        thesaurus
    }

    /// The other names of the concepts `text` names (none when it names none), each once.
    pub fn expansions(&self, text: &str) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        let own = keys(text);
        let mut named = Vec::new();
        for key in &own {
            let terms = key.split_once(':').map_or("", |(_, terms)| terms);
            let needed = analyzer::Initials::of_terms(terms.split(' '));
            named.clear();
            self.named(key, &needed, &mut named);
            for name in named.iter().flat_map(|concept| concept.iter()) {
                if name.keys().iter().any(|k| own.contains(k)) || out.contains(&name.text.as_ref())
                {
                    continue;
                }
                out.push(&name.text);
            }
        }
        out
    }

    /// Adds to `out` the concepts with a name of key `key` (which needs the initials
    /// `needed`), in order, the base's first.
    fn named<'a>(&'a self, key: &str, needed: &analyzer::Initials, out: &mut Vec<&'a [Name]>) {
        if let Some(base) = self.base {
            base.named(key, needed, out);
        }
        if let Some(table) = &self.table {
            let concepts = table.ids(key).filter_map(|id| table.concepts().get(id));
            out.extend(concepts.map(Vec::as_slice));
        }
        let concepts = self.concepts.iter();
        out.extend(
            concepts
                .filter(|names| names.iter().any(|name| name.has(key, needed)))
                .map(Vec::as_slice),
        );
    }

    /// Every name of every concept, as written (a name of several concepts once each).
    pub fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.base.map(Thesaurus::names).unwrap_or_default();
        let table = self.table.as_ref().map(Table::concepts).unwrap_or_default();
        for concept in table.iter().chain(&self.concepts) {
            names.extend(concept.iter().map(|name| name.text.as_ref()));
        }
        names.sort_unstable();
        names.dedup();
        names
    }

    /// How many concepts it holds.
    pub fn len(&self) -> usize {
        self.base.map_or(0, Thesaurus::len)
            + self.table.as_ref().map_or(0, |table| table.len)
            + self.concepts.len()
    }

    /// Whether it holds no concept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The concepts of a thesaurus file's text: each line's names, spaces normalised; comments,
/// blank lines and lines of fewer than two names left out.
fn concepts(text: &str) -> impl Iterator<Item = Vec<Cow<'_, str>>> + '_ {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| {
            line.split('|')
                .map(normalised)
                .filter(|name| !name.is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|names| names.len() >= 2)
}

/// A name's words separated by one space each (borrowed when they already are).
fn normalised(name: &str) -> Cow<'_, str> {
    let name = name.trim();
    if name
        .split(' ')
        .all(|word| !word.is_empty() && !word.contains(char::is_whitespace))
    {
        Cow::Borrowed(name)
    } else {
        Cow::Owned(name.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// A name's keys: its terms in each language, joined by spaces (none when it gives no term).
/// A hyphenated word counts as written in one piece (`cease-fire` names `ceasefire`).
fn keys(name: &str) -> Vec<String> {
    let glued = glued(name);
    let mut out = Vec::new();
    for lang in Language::ALL {
        let terms = analyzer::terms(lang, &glued);
        if terms.is_empty() || terms.len() > MAX_NAME_WORDS {
            continue;
        }
        let key = format!("{}:{}", lang.code(), terms.join(" "));
        if !out.contains(&key) {
            out.push(key);
        }
    }
    out
}

/// A name with the hyphens inside its words taken out, as [`keys`] analyses it.
fn glued(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    chars
        .iter()
        .enumerate()
        .filter(|&(i, &c)| {
            !(analyzer::is_hyphen(c)
                && i > 0
                && chars[i - 1].is_alphanumeric()
                && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric()))
        })
        .map(|(_, &c)| c)
        .collect()
}

/// The user's thesaurus files that exist: `$RESSEARCH_THESAURUS` (which must exist when set),
/// then `thesaurus.txt` in the configuration folder.
fn user_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    if let Some(path) = std::env::var_os("RESSEARCH_THESAURUS").filter(|p| !p.is_empty()) {
        files.push(PathBuf::from(path));
    }
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".config")));
    if let Some(config) = config {
        let path = config.join("ressearch").join("thesaurus.txt");
        if path.is_file() {
            files.push(path);
        }
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_finds_the_other_names_of_its_concept_in_both_languages() {
        let thesaurus = Thesaurus::global().unwrap();
        assert!(thesaurus.len() > 100);
        let blue = thesaurus.expansions("blue helmets");
        assert!(blue.contains(&"peacekeeping operations"), "{blue:?}");
        assert!(
            blue.contains(&"opérations de maintien de la paix"),
            "{blue:?}"
        );
        assert!(!blue.contains(&"blue helmets"));
        let casques = thesaurus.expansions("Casques bleus");
        assert!(casques.contains(&"peacekeeping operations"), "{casques:?}");
        // Plural or singular, the same concept.
        assert!(
            thesaurus
                .expansions("dirty bombs")
                .contains(&"radiological dispersal device")
        );
        assert!(
            thesaurus
                .expansions("FGM")
                .contains(&"female genital mutilation")
        );
        assert!(
            thesaurus
                .expansions("child soldiers")
                .contains(&"children associated with armed forces")
        );
        assert!(
            thesaurus
                .expansions("global warming")
                .contains(&"climate change")
        );
        assert!(thesaurus.expansions("resolution").is_empty());
        // With or without its hyphen, a compound names the same concept.
        assert_eq!(
            thesaurus.expansions("cease-fire"),
            thesaurus.expansions("ceasefire")
        );
    }

    /// The table of [`BUILT_IN_KEYS`] for a thesaurus file's text.
    fn keys_table(text: &str) -> String {
        let mut by_key: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
        let mut len = 0;
        for (id, names) in concepts(text).enumerate() {
            for key in names.iter().flat_map(|name| keys(name)) {
                let ids = by_key.entry(key).or_default();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            len = id + 1;
        }
        let mut out = format!(
            "# The keys of the names of thesaurus.txt, each with the concepts (numbered from 0 in\n\
             # the order of the file) that have a name of that key, sorted, read instead of\n\
             # analysing the names at every start. Generated: RESSEARCH_BLESS=1 cargo test\n\
             # --profile ci --lib thesaurus rewrites it. Made from (XXH3 of the file, concepts):\n\
             # thesaurus.txt {:016x} {len}\n",
            xxhash_rust::xxh3::xxh3_64(text.as_bytes())
        );
        for (key, ids) in by_key {
            let ids: Vec<String> = ids.iter().map(usize::to_string).collect();
            out.push_str(&format!("{key}\t{}\n", ids.join(" ")));
        }
        out
    }

    #[test]
    fn the_precomputed_keys_of_the_built_in_names_are_the_analyzers() {
        let table = keys_table(BUILT_IN);
        if std::env::var_os("RESSEARCH_BLESS").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/thesaurus.keys");
            std::fs::write(path, &table).unwrap();
            return;
        }
        assert!(table.lines().count() > 1000);
        assert!(
            BUILT_IN_KEYS == table,
            "src/thesaurus.keys is out of date with thesaurus.txt or the analyzer \
             (RESSEARCH_BLESS=1 cargo test --profile ci --lib thesaurus rewrites it)"
        );
    }

    /// The expansions as the thesaurus gave them when it analysed every name of `text` at
    /// start: the reference its quicker reading must give.
    fn analysed_at_start(text: &str) -> impl Fn(&str) -> Vec<String> + use<> {
        let concepts: Vec<Vec<(String, Vec<String>)>> = concepts(text)
            .map(|names| {
                names
                    .into_iter()
                    .map(|n| (n.to_string(), keys(&n)))
                    .collect()
            })
            .collect();
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        for (id, names) in concepts.iter().enumerate() {
            for key in names.iter().flat_map(|(_, keys)| keys) {
                let ids = by_key.entry(key.clone()).or_default();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        move |text| {
            let own = keys(text);
            let mut out: Vec<String> = Vec::new();
            for key in &own {
                for &id in by_key.get(key).into_iter().flatten() {
                    for (name, theirs) in &concepts[id] {
                        if !theirs.iter().any(|k| own.contains(k)) && !out.contains(name) {
                            out.push(name.clone());
                        }
                    }
                }
            }
            out
        }
    }

    /// Acronyms as `ressearch index` mines them, with what analysis makes of: accents,
    /// elisions, hyphens, digits, initials folded or not Latin.
    const ACRONYMS: &str = "# Acronyms\n\
        United Nations Interim Force in Lebanon | UNIFIL\n\
        Force intérimaire des Nations Unies au Liban | FINUL\n\
        peace-keeping forces | PKF\n\
        Comprehensive Nuclear-Test-Ban Treaty | CTBT\n\
        Communauté économique des États de l'Afrique de l'Ouest | CEDEAO\n\
        Economic Community of West African States | ECOWAS\n\
        Access to COVID‑19 Tools Accelerator | ACT-A\n\
        Group of 77 | G-77\n\
        Œuvre d’Orient | ŒO\n\
        Ελληνική Δημοκρατία | ΕΔ\n\
        Conference of the Parties to the United Nations Framework Convention on Climate \
        Change | COP27\n\
        the Court’s Registry | ICJR\n";

    /// Every name of the thesaurus texts, each of their words, and phrases of a few words.
    fn queries(texts: &[&str]) -> Vec<String> {
        let mut out = vec![
            "Charter of the United Nations".to_string(),
            "blue helmet".into(),
            "résolution".into(),
            "Conseil de sécurité".into(),
            "etats".into(),
            "west african".into(),
        ];
        for name in texts.iter().flat_map(|text| concepts(text)).flatten() {
            out.extend(name.split_whitespace().map(str::to_owned));
            out.push(name.into_owned());
        }
        out.sort();
        out.dedup();
        out
    }

    #[test]
    fn the_built_in_thesaurus_read_with_its_keys_expands_as_when_analysed_at_start() {
        let reference = analysed_at_start(BUILT_IN);
        let read = Thesaurus::with_table(BUILT_IN, BUILT_IN_KEYS);
        assert!(read.table.is_some() && read.concepts.is_empty());
        assert_eq!(read.len(), concepts(BUILT_IN).count());
        // A table not made from the file (here: one concept more), or none, is not used: the
        // names are analysed as a user file's.
        let edited = format!("{BUILT_IN}\nwidget | gadget\n").leak();
        let edited = Thesaurus::with_table(edited, BUILT_IN_KEYS);
        assert!(edited.table.is_none());
        assert_eq!(edited.expansions("gadgets"), ["widget"]);
        let stale = [
            Thesaurus::with_table(BUILT_IN, ""),
            Thesaurus::parse(BUILT_IN),
        ];
        assert!(stale.iter().all(|t| t.table.is_none()));
        let queries = queries(&[BUILT_IN]);
        assert!(queries.len() > 1000);
        for query in &queries {
            let expected = reference(query);
            assert_eq!(read.expansions(query), expected, "{query}");
            for thesaurus in &stale {
                assert_eq!(thesaurus.expansions(query), expected, "{query}");
            }
        }
    }

    #[test]
    fn acronyms_analysed_when_a_query_may_name_them_expand_as_when_analysed_at_start() {
        let base: &'static Thesaurus =
            Box::leak(Box::new(Thesaurus::with_table(BUILT_IN, BUILT_IN_KEYS)));
        let on = Thesaurus::on(base, ACRONYMS);
        let analysed = |t: &Thesaurus| {
            t.concepts
                .iter()
                .flatten()
                .filter(|n| n.keys.get().is_some())
                .count()
        };
        assert_eq!(on.len(), base.len() + 12);
        // A query none of whose words' initials an acronym's words have analyses none of them.
        assert!(!on.expansions("global warming").is_empty());
        assert_eq!(analysed(&on), 0);
        let reference = analysed_at_start(&format!("{BUILT_IN}\n{ACRONYMS}"));
        let queries = queries(&[BUILT_IN, ACRONYMS]);
        for query in &queries {
            assert_eq!(on.expansions(query), reference(query), "{query}");
        }
        assert!(
            on.expansions("UNIFIL")
                .contains(&"United Nations Interim Force in Lebanon")
        );
        let forces = on.expansions("peacekeeping forces");
        assert!(forces.contains(&"blue helmets") && forces.contains(&"PKF"));
        assert_eq!(
            on.expansions("Etats de l'Afrique de l'Ouest"),
            Vec::<&str>::new()
        );
        assert_eq!(on.expansions("ελληνική δημοκρατία"), ["ΕΔ"]);
        assert_eq!(on.expansions("oeuvre d'orient"), ["ŒO"]);
    }

    #[test]
    fn a_user_file_adds_concepts_and_ignores_comments_and_lone_names() {
        let mut thesaurus = Thesaurus::parse("# comment\n alpha \t centauri| proxima\nlonely\n");
        assert_eq!(thesaurus.len(), 1);
        thesaurus.extend("widget | gadget | bidule");
        assert_eq!(thesaurus.expansions("widgets"), ["gadget", "bidule"]);
        assert_eq!(thesaurus.expansions("proxima"), ["alpha centauri"]);
    }
}
