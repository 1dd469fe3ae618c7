//! The thesaurus's names that no clause of a language holds, found once when an index is built,
//! so that queries leave them out instead of looking their terms up in every segment.
//!
//! A query that names a concept also looks for the concept's other names, in each language
//! searched: `peacekeeping operations` brings "blue helmets", "casques bleus", "opérations de
//! maintien de la paix"… Most names are of one language, and the other language's clauses hold
//! none of them: each such name cost a query a lookup of its terms in every segment's
//! dictionary, only to find it nowhere (a dozen names for `peacekeeping operations mandate`,
//! in four segments at a million clauses). At the end of each build, [`list`] searches every
//! name of the thesaurus (the built-in one, the user's and the acronyms mined from the index) in each
//! language's text as a query would, and writes those found nowhere to `absent-names.txt` in
//! the index. An index does not change once built (an update writes a new generation, with its
//! own file), so a name listed stays absent from it; a name the file does not list (in a
//! thesaurus edited since) is looked up as before.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::{Mutex, OnceLock};

use anyhow::Result;
use tantivy::Index;
use tantivy::directory::Directory;

use super::statistics::matches_nothing;
use super::translate::Translator;
use crate::index::Fields;
use crate::model::Language;
use crate::thesaurus::Thesaurus;

/// The file in an index's folder that lists the names absent from it.
pub const FILE: &str = "absent-names.txt";

/// The names of the thesaurus that no clause of a language holds, per language.
#[derive(Debug, Default)]
pub struct AbsentNames {
    per_language: HashMap<Language, HashSet<String>>,
}

impl AbsentNames {
    /// Whether no clause of any of `languages` holds the name `name` (`false` for no language).
    pub fn everywhere(&self, languages: &[Language], name: &str) -> bool {
        !languages.is_empty()
            && languages.iter().all(|lang| {
                self.per_language
                    .get(lang)
                    .is_some_and(|names| names.contains(name))
            })
    }

    /// The names of a file's text: `code<TAB>name` a line; other lines are left out.
    fn parse(text: &str) -> AbsentNames {
        let mut per_language: HashMap<Language, HashSet<String>> = HashMap::new();
        for line in text.lines() {
            if let Some((code, name)) = line.split_once('\t')
                && let Some(lang) = Language::ALL.iter().find(|l| l.code() == code)
            {
                per_language
                    .entry(*lang)
                    .or_default()
                    .insert(name.to_string());
            }
        }
        AbsentNames { per_language }
    }
}

/// The names absent from the index (none for an index built before they were listed); read
/// once per process and file.
pub fn read(index: &Index) -> &'static AbsentNames {
    static READ: OnceLock<Mutex<HashMap<u64, &'static AbsentNames>>> = OnceLock::new();
    static NONE: OnceLock<AbsentNames> = OnceLock::new();
    let Ok(bytes) = index.directory().atomic_read(Path::new(FILE)) else {
        return NONE.get_or_init(AbsentNames::default);
    };
    let key = xxhash_rust::xxh3::xxh3_64(&bytes);
    let cache = READ.get_or_init(|| Mutex::new(HashMap::new()));
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    cache.entry(key).or_insert_with(|| {
        let names = AbsentNames::parse(&String::from_utf8_lossy(&bytes));
        // One per index a process opens: kept for the life of the process.
        Box::leak(Box::new(names))
    })
}

/// The names of `thesaurus` that no clause of a language of the index holds, as the file
/// [`FILE`] holds them, for the build to write into the index.
pub fn list(index: &Index, fields: &Fields, thesaurus: &'static Thesaurus) -> Result<String> {
    let searcher = index.reader()?.searcher();
    let none = AbsentNames::default();
    let names = thesaurus.names();
    let mut out = String::from(
        "# The thesaurus's names no clause of a language holds, found by `ressearch index`.\n",
    );
    for lang in Language::ALL {
        let languages = [lang];
        let translator = Translator::new(fields, &searcher, &languages, thesaurus, &none);
        for name in &names {
            // As a query looks for it; a name of stop words only gives no query at all.
            if let Some(query) = translator.text(name)
                && matches_nothing(&*query.query, &searcher)?
            {
                out.push_str(&format!("{}\t{name}\n", lang.code()));
            }
        }
    }
    Ok(out)
}
