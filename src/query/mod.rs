//! The query language: what a user types, read into a tree, before any index is involved.
//!
//! [`Query::parse`] runs a lexer over the text (`lexer`: by characters, so any UTF-8 input is
//! safe) and a recursive-descent parser over its tokens (`parser`); [`crate::search`] then turns
//! the tree into Tantivy queries, one per language. The language, apart from any index, is
//! tested on its own, and every syntax error has one typed, worded place: [`QueryError`].
//!
//! The language:
//!
//! | you write | it means |
//! |---|---|
//! | `diplomatie préventive` | both words (juxtaposition is AND; `AND` may be written) |
//! | `"diplomatie préventive"` | the words in sequence |
//! | `sanctions OR embargo` | either |
//! | `-word`, `NOT word` | not that word (also `-"phrase"`, `-(group)`, `-type:preambular`) |
//! | `( … )` | a group |
//! | `field:value`, `field:"quoted value"` | a filter ([`FilterField`]) |
//!
//! Precedence, tightest first: `-`/`NOT` (on the term right after it), then `OR`, then AND. So
//! `a b OR c` is `a (b OR c)`, and `a OR b c` is `(a OR b) c`. `+word` is the same as `word`.
//! Everything else (`*`, `^`, `~`, `:` not after a field name…) is a character of a word; the
//! analyzer later reads it as a separator, as it does in the text.
//!
//! A filter may stand anywhere a word may: inside parentheses, as an alternative of `OR`,
//! negated. A `cites:` or `symbol:` value typed without quotes takes along a year in
//! parentheses that follows it (`cites:S/RES/242 (1967)`). Control characters are dropped
//! before anything else. Siblings repeated in a group count once (`paix paix` is `paix`).
//!
//! Exclusions need something to exclude from: the query, each alternative of `OR` and the
//! operand of `NOT` must hold a term that is not negated, and a negated term cannot itself be
//! an alternative of `OR`; a group within a sequence joins it (`paix (-guerre)` is
//! `paix -guerre`). Parsing costs time in proportion to the text, with at most [`MAX_DEPTH`] levels of
//! nesting and [`MAX_TERMS`] terms, so no input can exhaust the stack or build a huge query.

use std::fmt;

use crate::model::{Body, ClauseType, DateRange, FilterField, Language, MAX_SESSION};

mod lexer;
mod parser;

/// The deepest nesting of parentheses and `NOT` a query may have.
pub const MAX_DEPTH: usize = 32;

/// The most words, phrases and filters a query may hold (after repeats are merged).
pub const MAX_TERMS: usize = 1_000;

/// Why a query cannot be read. Each message says what is wrong and how to write it instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryError {
    /// Nothing to search for: no word and no filter.
    Empty,
    /// A `"` that opens a phrase never closed.
    UnbalancedQuote,
    /// A quoted filter value never closed (`cites:"S/RES/242`).
    UnbalancedQuoteInValue(FilterField),
    /// A `(` never closed.
    UnclosedParenthesis,
    /// A `)` that closes nothing.
    UnopenedParenthesis,
    /// `()` with nothing inside.
    EmptyParentheses,
    /// `type:` with no value.
    MissingValue(FilterField),
    /// A value the field does not accept (`type:resolution`).
    BadValue { field: FilterField, value: String },
    /// `OR`, `AND` or `NOT` without a term where one is needed.
    DanglingOperator(Operator),
    /// A negated term as an alternative of `OR` (`a OR -b`).
    ExcludedAlternative,
    /// A query, group or `NOT` operand that only excludes (`-paix`).
    OnlyExclusions,
    /// More than [`MAX_DEPTH`] levels of parentheses and `NOT`.
    TooDeep,
    /// More than [`MAX_TERMS`] words, phrases and filters.
    TooManyTerms,
}

/// The operators written as words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operator {
    And,
    Or,
    Not,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryError::Empty => write!(
                f,
                "empty query: give words to search for or a filter such as type:operative"
            ),
            QueryError::UnbalancedQuote => write!(
                f,
                "unbalanced quote in the query: a \" opens a phrase that is never closed"
            ),
            QueryError::UnbalancedQuoteInValue(field) => {
                write!(f, "unbalanced quote in the value of {field}: in the query")
            }
            QueryError::UnclosedParenthesis => write!(
                f,
                "unbalanced parentheses in the query: a ( is never closed"
            ),
            QueryError::UnopenedParenthesis => {
                write!(f, "unbalanced parentheses in the query: a ) closes nothing")
            }
            QueryError::EmptyParentheses => write!(
                f,
                "empty parentheses in the query: put words between them or remove them"
            ),
            QueryError::MissingValue(field) => write!(
                f,
                "{field}: needs a value, e.g. {field}:{}",
                field.example()
            ),
            QueryError::BadValue { field, value } => match field {
                FilterField::Type => write!(
                    f,
                    "type:{value} is not a clause type; use type:preambular or type:operative"
                ),
                FilterField::Lang => write!(
                    f,
                    "lang:{value} is not a language of the index; use lang:fr or lang:en"
                ),
                FilterField::Body => write!(
                    f,
                    "body:{value} is not an organ; use body:ga (General Assembly) or body:sc (Security Council)"
                ),
                FilterField::Session => write!(
                    f,
                    "session:{value} is not a session number (1 to {MAX_SESSION}); e.g. session:75"
                ),
                FilterField::Opening => {
                    write!(f, "opening:{value} has no words; e.g. opening:encourage")
                }
                FilterField::Adopted => write!(
                    f,
                    "adopted:{value} is not a date or span of dates; e.g. adopted:2020, adopted:2020..2024, adopted:2024-03-01..2024-06-30"
                ),
                FilterField::Cites | FilterField::Symbol => write!(
                    f,
                    "{field}:{value} is not a document symbol; e.g. {field}:{}",
                    field.example()
                ),
            },
            QueryError::DanglingOperator(Operator::Or) => write!(
                f,
                "OR needs a word, phrase, filter or group on each side, e.g. sanctions OR embargo"
            ),
            QueryError::DanglingOperator(Operator::And) => write!(
                f,
                "AND needs a word, phrase, filter or group on each side, e.g. peace AND security"
            ),
            QueryError::DanglingOperator(Operator::Not) => write!(
                f,
                "NOT needs a word, phrase, filter or group after it, e.g. peace NOT keeping"
            ),
            QueryError::ExcludedAlternative => write!(
                f,
                "a negated term (-word, NOT word) cannot be an alternative of OR; write e.g. (sanctions OR embargo) -arms"
            ),
            QueryError::OnlyExclusions => write!(
                f,
                "the query only excludes (-word, NOT word): add a word or a filter to search for, e.g. paix -guerre"
            ),
            QueryError::TooDeep => write!(
                f,
                "the query nests parentheses and NOT more than {MAX_DEPTH} levels deep; remove some"
            ),
            QueryError::TooManyTerms => write!(
                f,
                "the query has more than {MAX_TERMS} words, phrases and filters; shorten it"
            ),
        }
    }
}

impl std::error::Error for QueryError {}

impl QueryError {
    /// What is wrong, in a few words, for the note saying that a query was read as plain
    /// words: "unbalanced quote", "unbalanced parentheses".
    pub fn reason(&self) -> String {
        match self {
            QueryError::Empty => "empty query".into(),
            QueryError::UnbalancedQuote => "unbalanced quote".into(),
            QueryError::UnbalancedQuoteInValue(field) => {
                format!("unbalanced quote in the value of {field}:")
            }
            QueryError::UnclosedParenthesis | QueryError::UnopenedParenthesis => {
                "unbalanced parentheses".into()
            }
            QueryError::EmptyParentheses => "empty parentheses".into(),
            QueryError::MissingValue(field) => format!("{field}: without a value"),
            QueryError::BadValue {
                field: FilterField::Adopted,
                value,
            } => format!("adopted:{value} is not a date or span of dates"),
            QueryError::BadValue { field, value } => {
                format!("{field}:{value} is not a {field} filter")
            }
            QueryError::DanglingOperator(Operator::And) => "AND without a term on each side".into(),
            QueryError::DanglingOperator(Operator::Or) => "OR without a term on each side".into(),
            QueryError::DanglingOperator(Operator::Not) => "NOT without a term after it".into(),
            QueryError::ExcludedAlternative => "a negated term as an alternative of OR".into(),
            QueryError::OnlyExclusions => "the query only excludes".into(),
            QueryError::TooDeep => format!("more than {MAX_DEPTH} levels of nesting"),
            QueryError::TooManyTerms => format!("more than {MAX_TERMS} terms"),
        }
    }
}

/// How the text of a query is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Reading {
    /// The query language; a text that is not valid syntax (a pasted paragraph with a stray
    /// quote, say) is read as plain words instead, and the reason is kept.
    #[default]
    Syntax,
    /// Every word as text, no syntax at all (`query -F`).
    FixedStrings,
}

/// A filter with its value read: what `field:value` or a flag asks for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Filter {
    Type(ClauseType),
    /// A cited document symbol as typed, trimmed (the index side normalises it).
    Cites(String),
    /// A resolution symbol as typed, trimmed.
    Symbol(String),
    Lang(Language),
    Body(Body),
    Session(u32),
    /// Words of the opening phrase, as typed.
    Opening(String),
    /// Clauses adopted in this span of days.
    Adopted(DateRange),
}

impl Filter {
    /// Reads `value` for `field`: an error names the field, the value and a value that fits.
    pub fn parse(field: FilterField, value: &str) -> Result<Filter, QueryError> {
        let value = value.trim();
        if value.is_empty() {
            return Err(QueryError::MissingValue(field));
        }
        let bad = || QueryError::BadValue {
            field,
            value: value.to_string(),
        };
        Ok(match field {
            FilterField::Type => Filter::Type(value.parse().map_err(|_| bad())?),
            FilterField::Lang => Filter::Lang(value.parse().map_err(|_| bad())?),
            FilterField::Body => Filter::Body(value.parse().map_err(|_| bad())?),
            FilterField::Session => {
                let n: u32 = value.parse().map_err(|_| bad())?;
                if !(1..=MAX_SESSION).contains(&n) {
                    return Err(bad());
                }
                Filter::Session(n)
            }
            FilterField::Cites => Filter::Cites(value.to_string()),
            FilterField::Symbol => Filter::Symbol(value.to_string()),
            FilterField::Adopted => Filter::Adopted(value.parse().map_err(|_| bad())?),
            FilterField::Opening => {
                if !value.chars().any(char::is_alphanumeric) {
                    return Err(bad());
                }
                Filter::Opening(value.to_string())
            }
        })
    }

    /// The field this filter is on.
    pub fn field(&self) -> FilterField {
        match self {
            Filter::Type(_) => FilterField::Type,
            Filter::Cites(_) => FilterField::Cites,
            Filter::Symbol(_) => FilterField::Symbol,
            Filter::Lang(_) => FilterField::Lang,
            Filter::Body(_) => FilterField::Body,
            Filter::Session(_) => FilterField::Session,
            Filter::Opening(_) => FilterField::Opening,
            Filter::Adopted(_) => FilterField::Adopted,
        }
    }
}

/// A node of the query tree.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Node {
    /// A word as typed; the analyzer of each language decides what terms it gives (none for a
    /// stop word, several for `COVID-19`).
    Word(String),
    /// The words between quotes, to be found in this order.
    Phrase(String),
    /// A field filter.
    Filter(Filter),
    /// All of these. At least two children, at least one of them not negated.
    And(Vec<Node>),
    /// Any of these. At least two children, none negated.
    Or(Vec<Node>),
    /// Not this; stands only among the children of an [`Node::And`].
    Not(Box<Node>),
}

impl Node {
    /// Whether this is a negated term.
    pub fn is_negated(&self) -> bool {
        matches!(self, Node::Not(_))
    }

    /// Calls `visit` on every word, phrase and filter, in order.
    fn for_each_leaf<'a>(&'a self, visit: &mut impl FnMut(&'a Node)) {
        match self {
            Node::And(children) | Node::Or(children) => {
                for child in children {
                    child.for_each_leaf(visit);
                }
            }
            Node::Not(inner) => inner.for_each_leaf(visit),
            leaf => visit(leaf),
        }
    }
}

/// A parsed query: a tree whose every exclusion has something to exclude from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    root: Node,
}

impl Query {
    /// Parses `text` with `filters` given apart (the flags) added as if written after it.
    pub fn parse(text: &str, filters: &[Filter]) -> Result<Query, QueryError> {
        let cleaned: String;
        let text = if text.chars().any(is_dropped_control) {
            cleaned = text.chars().filter(|&c| !is_dropped_control(c)).collect();
            &cleaned
        } else {
            text
        };
        let mut items = parser::Parser::new(text).sequence(false)?;
        items.extend(filters.iter().cloned().map(Node::Filter));
        if items.is_empty() {
            return Err(QueryError::Empty);
        }
        let root = parser::normalize(Node::And(items))?;
        let mut terms = 0;
        root.for_each_leaf(&mut |_| terms += 1);
        if terms > MAX_TERMS {
            return Err(QueryError::TooManyTerms);
        }
        Ok(Query { root })
    }

    /// Reads `text` as [`Reading`] says, with `filters` given apart. Read as syntax, a text that
    /// is not valid syntax is read as plain words ([`Query::plain_words`]) and the error that
    /// made it so comes along; an error is returned only when nothing is left to search (the
    /// error of the syntax then, which says more).
    pub fn read(
        text: &str,
        filters: &[Filter],
        reading: Reading,
    ) -> Result<(Query, Option<QueryError>), QueryError> {
        if reading == Reading::FixedStrings {
            return Query::plain_words(text, filters).map(|query| (query, None));
        }
        match Query::parse(text, filters) {
            Ok(query) => Ok((query, None)),
            Err(QueryError::Empty) => Err(QueryError::Empty),
            Err(error) => match Query::plain_words(text, filters) {
                Ok(query) => Ok((query, Some(error))),
                Err(_) => Err(error),
            },
        }
    }

    /// `text` as plain words, no syntax: each piece between white space, quotes and
    /// parentheses is a word (`AND`, `-word`, `type:x` included, which the analyzer then reads
    /// as the text's words are read), all required; the first [`MAX_TERMS`] distinct ones are
    /// kept. `filters` are added as if written after it.
    pub fn plain_words(text: &str, filters: &[Filter]) -> Result<Query, QueryError> {
        let mut seen = std::collections::HashSet::new();
        let mut items: Vec<Node> = text
            .split(|c: char| c.is_whitespace() || matches!(c, '"' | '(' | ')'))
            .map(|word| {
                word.chars()
                    .filter(|&c| !is_dropped_control(c))
                    .collect::<String>()
            })
            .filter(|word| !word.is_empty() && seen.insert(word.clone()))
            .take(MAX_TERMS)
            .map(Node::Word)
            .collect();
        items.extend(filters.iter().cloned().map(Node::Filter));
        match items.len() {
            0 => Err(QueryError::Empty),
            1 => Ok(Query {
                root: items.pop().expect("one node"),
            }),
            _ => Ok(Query {
                root: Node::And(items),
            }),
        }
    }

    /// The tree.
    pub fn root(&self) -> &Node {
        &self.root
    }

    /// The words and phrases, negated ones included, in order.
    pub fn texts(&self) -> Vec<&str> {
        let mut texts = Vec::new();
        self.root.for_each_leaf(&mut |leaf| {
            if let Node::Word(text) | Node::Phrase(text) = leaf {
                texts.push(text.as_str());
            }
        });
        texts
    }

    /// Whether the query has words or phrases, not only filters.
    pub fn has_text(&self) -> bool {
        !self.texts().is_empty()
    }

    /// Whether a `lang:` filter stands anywhere in the query.
    pub fn has_lang_filter(&self) -> bool {
        let mut found = false;
        self.root.for_each_leaf(&mut |leaf| {
            found |= matches!(leaf, Node::Filter(Filter::Lang(_)));
        });
        found
    }

    /// The filters that every hit must pass: those not negated at the top level.
    pub fn required_filters(&self) -> impl Iterator<Item = &Filter> {
        let top: &[Node] = match &self.root {
            Node::And(children) => children,
            node => std::slice::from_ref(node),
        };
        top.iter().filter_map(|node| match node {
            Node::Filter(filter) => Some(filter),
            _ => None,
        })
    }

    /// The languages whose clauses the words are looked for in: the one a `lang:` filter
    /// required at the top level names; else, when no `lang:` filter stands anywhere, the one
    /// the words are plainly written in ([`guess_language`]); else both.
    pub fn languages(&self) -> Vec<Language> {
        let required = self.required_filters().find_map(|filter| match filter {
            Filter::Lang(lang) => Some(*lang),
            _ => None,
        });
        if let Some(lang) = required {
            return vec![lang];
        }
        let mut any_lang_filter = false;
        self.root.for_each_leaf(&mut |leaf| {
            any_lang_filter |= matches!(leaf, Node::Filter(Filter::Lang(_)));
        });
        match guess_language(&self.texts().join(" ")) {
            Some(lang) if !any_lang_filter => vec![lang],
            _ => Language::ALL.to_vec(),
        }
    }
}

/// Control characters (pasted from PDFs, terminals) carry no meaning; white space stays.
fn is_dropped_control(c: char) -> bool {
    c.is_control() && !c.is_whitespace()
}

/// The language a query is plainly written in: accented letters or elisions and French function
/// words say French, English function words say English; bare words like "diplomatie
/// preventive" say nothing, and the query then runs against both languages.
pub fn guess_language(text: &str) -> Option<Language> {
    const FRENCH: &[&str] = &[
        "de", "la", "le", "les", "des", "du", "et", "en", "pour", "sur", "dans", "une", "au", "aux",
    ];
    const ENGLISH: &[&str] = &[
        "the", "of", "and", "to", "in", "for", "on", "with", "its", "by",
    ];
    const ELISIONS: &[&str] = &["l", "d", "qu", "s", "n", "c", "j", "m", "t"];
    let (mut fr, mut en) = (0, 0);
    for word in text.split(|c: char| !c.is_alphabetic() && c != '’' && c != '\'') {
        let lower = word.to_lowercase();
        let elided = lower
            .split_once(['’', '\''])
            .is_some_and(|(article, _)| ELISIONS.contains(&article));
        if lower.contains([
            'é', 'è', 'ê', 'à', 'ç', 'ù', 'â', 'î', 'ô', 'û', 'ë', 'ï', 'œ',
        ]) || elided
            || FRENCH.contains(&lower.as_str())
        {
            fr += 1;
        } else if ENGLISH.contains(&lower.as_str()) {
            en += 1;
        }
    }
    match (fr, en) {
        (0, 0) => None,
        (f, e) if f > e => Some(Language::Fr),
        (f, e) if e > f => Some(Language::En),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    //! Helpers shared with the lexer's and the parser's tests.

    use super::*;

    pub(super) fn parse(text: &str) -> Result<Node, QueryError> {
        Query::parse(text, &[]).map(|q| q.root().clone())
    }

    pub(super) fn word(w: &str) -> Node {
        Node::Word(w.to_string())
    }

    pub(super) fn not(node: Node) -> Node {
        Node::Not(Box::new(node))
    }

    pub(super) fn filter(field: FilterField, value: &str) -> Node {
        Node::Filter(Filter::parse(field, value).unwrap())
    }

    #[test]
    fn flags_are_filters_added_at_the_end() {
        let q = Query::parse("Centre", &[Filter::Type(ClauseType::Operative)]).unwrap();
        assert_eq!(q.root(), &parse("Centre type:operative").unwrap());
        let q = Query::parse("  ", &[Filter::Cites("A/RES/72/7".into())]).unwrap();
        assert_eq!(q.root(), &filter(FilterField::Cites, "A/RES/72/7"));
    }

    #[test]
    fn control_characters_are_dropped() {
        assert_eq!(
            parse("diplo\u{1}matie\u{7} pré\u{1b}ventive").unwrap(),
            parse("diplomatie préventive").unwrap()
        );
        assert_eq!(parse("\u{0}\u{7f}"), Err(QueryError::Empty));
    }

    #[test]
    fn error_messages_name_the_fix() {
        let message = |text| parse(text).unwrap_err().to_string();
        assert_eq!(message("type:"), "type: needs a value, e.g. type:operative");
        assert!(message("\"a").contains("unbalanced quote"));
        assert!(message("(a").contains("( is never closed"));
        assert!(message("paix)").contains(") closes nothing"));
        assert!(message("").contains("empty query"));
        assert!(message("type:resolution").contains("use type:preambular or type:operative"));
    }

    #[test]
    fn a_text_that_is_not_syntax_is_read_as_plain_words_with_the_reason() {
        let read = |text| Query::read(text, &[], Reading::Syntax);
        let (query, reason) = read("Décide ce qui suit : le \"Centre").unwrap();
        assert_eq!(reason, Some(QueryError::UnbalancedQuote));
        assert_eq!(reason.unwrap().reason(), "unbalanced quote");
        assert_eq!(
            query.root(),
            &Node::And(
                ["Décide", "ce", "qui", "suit", ":", "le", "Centre"]
                    .map(word)
                    .to_vec()
            )
        );
        let (query, reason) = read("paix (guerre").unwrap();
        assert_eq!(reason.unwrap().reason(), "unbalanced parentheses");
        assert_eq!(query.root(), &Node::And(vec![word("paix"), word("guerre")]));
        let (_, reason) = read("paix OR").unwrap();
        assert_eq!(reason, Some(QueryError::DanglingOperator(Operator::Or)));
        let (query, reason) = read("-paix").unwrap();
        assert_eq!(reason, Some(QueryError::OnlyExclusions));
        assert_eq!(query.root(), &word("-paix"));
        // Valid syntax stays syntax.
        let (query, reason) = read("paix OR guerre").unwrap();
        assert_eq!(reason, None);
        assert_eq!(query.root(), &parse("paix OR guerre").unwrap());
        // Nothing left to search: the syntax error.
        assert_eq!(read("()").unwrap_err(), QueryError::EmptyParentheses);
        assert_eq!(read("  ").unwrap_err(), QueryError::Empty);
    }

    #[test]
    fn fixed_strings_take_every_word_as_text() {
        let (query, reason) =
            Query::read("paix OR -guerre \"type:x", &[], Reading::FixedStrings).unwrap();
        assert_eq!(reason, None);
        assert_eq!(
            query.root(),
            &Node::And(["paix", "OR", "-guerre", "type:x"].map(word).to_vec())
        );
        let (query, _) = Query::read(
            "paix",
            &[Filter::Type(ClauseType::Operative)],
            Reading::FixedStrings,
        )
        .unwrap();
        assert_eq!(query.root(), &parse("paix type:operative").unwrap());
        let many: Vec<String> = (0..MAX_TERMS + 10).map(|i| format!("w{i}")).collect();
        let (query, _) = Query::read(&many.join(" "), &[], Reading::FixedStrings).unwrap();
        assert_eq!(query.texts().len(), MAX_TERMS);
    }

    #[test]
    fn the_number_of_terms_is_bounded_after_repeats_are_merged() {
        assert_eq!(parse(&"paix ".repeat(5000)).unwrap(), word("paix"));
        let words: Vec<String> = (0..MAX_TERMS).map(|i| format!("w{i}")).collect();
        assert!(parse(&words.join(" ")).is_ok());
        assert_eq!(
            parse(&format!("{} extra", words.join(" OR "))),
            Err(QueryError::TooManyTerms)
        );
    }

    #[test]
    fn the_query_language_is_guessed_from_accents_and_function_words() {
        assert_eq!(guess_language("diplomatie préventive"), Some(Language::Fr));
        assert_eq!(guess_language("l’Organisation"), Some(Language::Fr));
        assert_eq!(guess_language("l'Organisation"), Some(Language::Fr));
        assert_eq!(guess_language("rule of law"), Some(Language::En));
        assert_eq!(guess_language("diplomatie preventive"), None);
        assert_eq!(guess_language("aujourd’hui"), None);
    }

    #[test]
    fn a_lang_filter_decides_the_languages_else_the_words_do() {
        let languages = |text| Query::parse(text, &[]).unwrap().languages();
        assert_eq!(languages("diplomatie préventive"), [Language::Fr]);
        assert_eq!(languages("rule of law"), [Language::En]);
        assert_eq!(languages("diplomatie preventive"), Language::ALL);
        assert_eq!(languages("rule of law lang:fr"), [Language::Fr]);
        assert_eq!(languages("(rule of law) (lang:fr)"), [Language::Fr]);
        assert_eq!(languages("préventive -lang:en"), Language::ALL);
        assert_eq!(
            languages("préventive (lang:en OR type:operative)"),
            Language::ALL
        );
        // The words of phrases and negated words count; filter values do not.
        assert_eq!(languages("\"rule of law\" -de"), Language::ALL);
        assert_eq!(languages("opening:réaffirmant peace"), Language::ALL);
    }
}
