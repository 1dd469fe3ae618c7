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
//! stemmed, stop words left out), so "dirty bombs" names the concept of "dirty bomb".

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use anyhow::{Context, Result};

use crate::analyzer;
use crate::model::Language;

/// The thesaurus shipped with the binary.
pub const BUILT_IN: &str = include_str!("thesaurus.txt");

/// The most words a name may have.
pub const MAX_NAME_WORDS: usize = 12;

/// Concepts and the keys of their names.
#[derive(Debug, Default)]
pub struct Thesaurus {
    /// Each concept: its names as written.
    concepts: Vec<Vec<String>>,
    /// A name's analysed terms (in either language, joined by spaces) → the concepts it names.
    by_key: HashMap<String, Vec<usize>>,
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
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let names: Vec<String> = line
                .split('|')
                .map(|name| name.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|name| !name.is_empty())
                .collect();
            if names.len() < 2 {
                continue;
            }
            let id = self.concepts.len();
            for name in &names {
                for key in keys(name) {
                    let ids = self.by_key.entry(key).or_default();
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
            }
            self.concepts.push(names);
        }
    }

    /// The built-in thesaurus and the user's, read once. A user file that cannot be read is an
    /// error naming it.
    pub fn global() -> Result<&'static Thesaurus> {
        static GLOBAL: OnceLock<Thesaurus> = OnceLock::new();
        if let Some(thesaurus) = GLOBAL.get() {
            return Ok(thesaurus);
        }
        let mut thesaurus = Thesaurus::parse(BUILT_IN);
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
        let mut thesaurus = Thesaurus {
            concepts: global.concepts.clone(),
            by_key: global.by_key.clone(),
        };
        thesaurus.extend(acronyms);
        // One per index a process opens: kept for the life of the process.
        let thesaurus: &'static Thesaurus = Box::leak(Box::new(thesaurus));
        cache.insert(key, thesaurus);
        Ok(thesaurus)
    }

    /// The other names of the concepts `text` names (none when it names none), each once.
    pub fn expansions(&self, text: &str) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        let own = keys(text);
        for key in &own {
            for &id in self.by_key.get(key).into_iter().flatten() {
                for name in &self.concepts[id] {
                    let theirs = keys(name);
                    if theirs.iter().any(|k| own.contains(k)) || out.contains(&name.as_str()) {
                        continue;
                    }
                    out.push(name);
                }
            }
        }
        out
    }

    /// How many concepts it holds.
    pub fn len(&self) -> usize {
        self.concepts.len()
    }

    /// Whether it holds no concept.
    pub fn is_empty(&self) -> bool {
        self.concepts.is_empty()
    }
}

/// A name's keys: its terms in each language, joined by spaces (none when it gives no term).
/// A hyphenated word counts as written in one piece (`cease-fire` names `ceasefire`).
fn keys(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let glued: String = chars
        .iter()
        .enumerate()
        .filter(|&(i, &c)| {
            !(analyzer::is_hyphen(c)
                && i > 0
                && chars[i - 1].is_alphanumeric()
                && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric()))
        })
        .map(|(_, &c)| c)
        .collect();
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

    #[test]
    fn a_user_file_adds_concepts_and_ignores_comments_and_lone_names() {
        let mut thesaurus = Thesaurus::parse("# comment\nalpha centauri | proxima\nlonely\n");
        assert_eq!(thesaurus.len(), 1);
        thesaurus.extend("widget | gadget | bidule");
        assert_eq!(thesaurus.expansions("widgets"), ["gadget", "bidule"]);
        assert_eq!(thesaurus.expansions("proxima"), ["alpha centauri"]);
    }
}
