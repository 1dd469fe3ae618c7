//! The query language: what a user types, read into a tree, before any index is involved.
//!
//! [`Query::parse`] runs a lexer over the text (by characters, so any UTF-8 input is safe) and
//! a recursive-descent parser over its tokens; [`crate::search`] then turns the tree into
//! Tantivy queries, one per language. Keeping the two apart lets each be tested on its own and
//! gives every syntax error one typed, worded place: [`QueryError`].
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
//! Exclusions need something to exclude from: a query, a group and the operand of `NOT` must
//! hold at least one term that is not negated, and a negated term cannot be an alternative of
//! `OR`. Parsing costs time in proportion to the text, with at most [`MAX_DEPTH`] levels of
//! nesting and [`MAX_TERMS`] terms, so no input can exhaust the stack or build a huge query.

use std::collections::HashSet;
use std::fmt;
use std::iter::Peekable;
use std::str::CharIndices;

use crate::model::{Body, ClauseType, FilterField, Language, MAX_SESSION};

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
    /// `name:` where `name` is no filter field; holds the name in lower case.
    UnknownField(String),
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
            QueryError::UnknownField(name) => write!(
                f,
                "unknown field {name:?} in the query; the fields are {}",
                FilterField::names()
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
        let mut parser = Parser {
            lexer: Lexer::new(text),
            peeked: None,
            depth: 0,
        };
        let mut items = parser.sequence(false)?;
        items.extend(filters.iter().cloned().map(Node::Filter));
        if items.is_empty() {
            return Err(QueryError::Empty);
        }
        let root = normalize(Node::And(items))?;
        let mut terms = 0;
        root.for_each_leaf(&mut |_| terms += 1);
        if terms > MAX_TERMS {
            return Err(QueryError::TooManyTerms);
        }
        Ok(Query { root })
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

/// A token of the query text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token<'a> {
    Word(&'a str),
    Phrase(&'a str),
    Filter(Filter),
    Open,
    Close,
    And,
    Or,
    /// `NOT`, or a `-` glued to the term it negates.
    Not,
}

/// Cuts the query text into tokens, by characters.
struct Lexer<'a> {
    text: &'a str,
    chars: Peekable<CharIndices<'a>>,
}

/// Characters that end a word (white space aside).
fn ends_word(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | ')' | '"')
}

impl<'a> Lexer<'a> {
    fn new(text: &'a str) -> Lexer<'a> {
        Lexer {
            text,
            chars: text.char_indices().peekable(),
        }
    }

    /// The byte offset of the next character (the text's length at its end).
    fn offset(&mut self) -> usize {
        self.chars.peek().map_or(self.text.len(), |&(i, _)| i)
    }

    fn skip_whitespace(&mut self) {
        while self.chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
    }

    /// The text up to the next `"`, which is consumed; `None` if there is none.
    fn until_quote(&mut self) -> Option<&'a str> {
        let start = self.offset();
        for (i, c) in self.chars.by_ref() {
            if c == '"' {
                return Some(&self.text[start..i]);
            }
        }
        None
    }

    /// The next token, or `None` at the end of the text.
    fn next_token(&mut self) -> Result<Option<Token<'a>>, QueryError> {
        loop {
            self.skip_whitespace();
            let Some(&(_, c)) = self.chars.peek() else {
                return Ok(None);
            };
            match c {
                '(' => {
                    self.chars.next();
                    return Ok(Some(Token::Open));
                }
                ')' => {
                    self.chars.next();
                    return Ok(Some(Token::Close));
                }
                '"' => {
                    self.chars.next();
                    let phrase = self.until_quote().ok_or(QueryError::UnbalancedQuote)?;
                    return Ok(Some(Token::Phrase(phrase)));
                }
                '-' | '+' => {
                    // A sign glued to a term is an operator; otherwise it is part of a word.
                    let mut ahead = self.chars.clone();
                    ahead.next();
                    if ahead
                        .next()
                        .is_some_and(|(_, n)| !n.is_whitespace() && !matches!(n, ')' | '-' | '+'))
                    {
                        self.chars.next();
                        if c == '-' {
                            return Ok(Some(Token::Not));
                        }
                        continue;
                    }
                    return Ok(Some(self.word()?));
                }
                _ => return Ok(Some(self.word()?)),
            }
        }
    }

    /// A word, an operator word or a filter, starting at the next character.
    fn word(&mut self) -> Result<Token<'a>, QueryError> {
        let start = self.offset();
        // A field name: a letter, then letters, digits and `_`, then `:`.
        let mut name_end = None;
        let mut name = self.text[start..].char_indices();
        if name.next().is_some_and(|(_, c)| c.is_alphabetic()) {
            for (i, c) in name {
                if c == ':' {
                    name_end = Some(start + i);
                    break;
                }
                if !(c.is_alphanumeric() || c == '_') {
                    break;
                }
            }
        }
        if let Some(name_end) = name_end {
            let name = &self.text[start..name_end];
            let field = name
                .parse::<FilterField>()
                .map_err(|_| QueryError::UnknownField(name.to_lowercase()))?;
            while self.chars.next_if(|&(i, _)| i <= name_end).is_some() {}
            return self.filter_value(field).map(Token::Filter);
        }
        while self.chars.next_if(|&(_, c)| !ends_word(c)).is_some() {}
        Ok(match &self.text[start..self.offset()] {
            "AND" => Token::And,
            "OR" => Token::Or,
            "NOT" => Token::Not,
            word => Token::Word(word),
        })
    }

    /// The value of a filter, right after its colon: quoted, or up to white space, a quote or
    /// a `)` it did not open; for symbols, with a following `(YYYY)` year.
    fn filter_value(&mut self, field: FilterField) -> Result<Filter, QueryError> {
        let mut value = if self.chars.next_if(|&(_, c)| c == '"').is_some() {
            self.until_quote()
                .ok_or(QueryError::UnbalancedQuoteInValue(field))?
                .to_string()
        } else {
            let start = self.offset();
            let mut depth = 0usize;
            while let Some(&(_, c)) = self.chars.peek() {
                match c {
                    '(' => depth += 1,
                    ')' if depth == 0 => break,
                    ')' => depth -= 1,
                    c if c.is_whitespace() || c == '"' => break,
                    _ => {}
                }
                self.chars.next();
            }
            self.text[start..self.offset()].to_string()
        };
        if field.takes_symbol()
            && let Some(year) = self.year_after()
        {
            value.push(' ');
            value.push_str(year);
        }
        Filter::parse(field, &value)
    }

    /// A `(YYYY)` next, white space before it allowed, consumed; `None` (nothing consumed) if
    /// there is none.
    fn year_after(&mut self) -> Option<&'a str> {
        let trimmed = self.text[self.offset()..].trim_start();
        let mut chars = trimmed.chars();
        let is_year = chars.next() == Some('(')
            && chars.by_ref().take(4).filter(char::is_ascii_digit).count() == 4
            && chars.next() == Some(')');
        if !is_year {
            return None;
        }
        // `(`, four ASCII digits and `)` are six bytes.
        let year = &trimmed[..6];
        let end = self.text.len() - trimmed.len() + 6;
        while self.chars.next_if(|&(i, _)| i < end).is_some() {}
        Some(year)
    }
}

/// Reads tokens into a tree: a sequence (AND) of alternatives (OR) of possibly negated terms.
struct Parser<'a> {
    lexer: Lexer<'a>,
    peeked: Option<Option<Token<'a>>>,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn peek(&mut self) -> Result<Option<&Token<'a>>, QueryError> {
        if self.peeked.is_none() {
            self.peeked = Some(self.lexer.next_token()?);
        }
        Ok(self.peeked.as_ref().and_then(Option::as_ref))
    }

    fn next(&mut self) -> Result<Option<Token<'a>>, QueryError> {
        match self.peeked.take() {
            Some(token) => Ok(token),
            None => self.lexer.next_token(),
        }
    }

    /// Whether the next token can start a term.
    fn at_term(&mut self) -> Result<bool, QueryError> {
        Ok(matches!(
            self.peek()?,
            Some(Token::Word(_) | Token::Phrase(_) | Token::Filter(_) | Token::Open | Token::Not)
        ))
    }

    /// Terms up to the end of the text, or up to and including the `)` that closes a group
    /// when `in_group`.
    fn sequence(&mut self, in_group: bool) -> Result<Vec<Node>, QueryError> {
        let mut items = Vec::new();
        loop {
            match self.peek()? {
                None if in_group => return Err(QueryError::UnclosedParenthesis),
                None => return Ok(items),
                Some(Token::Close) if in_group => {
                    self.next()?;
                    return Ok(items);
                }
                Some(Token::Close) => return Err(QueryError::UnopenedParenthesis),
                Some(Token::Or) => return Err(QueryError::DanglingOperator(Operator::Or)),
                Some(Token::And) => {
                    self.next()?;
                    if items.is_empty() || !self.at_term()? {
                        return Err(QueryError::DanglingOperator(Operator::And));
                    }
                }
                Some(_) => items.push(self.alternatives()?),
            }
        }
    }

    /// Terms joined by `OR`.
    fn alternatives(&mut self) -> Result<Node, QueryError> {
        let first = self.unary()?;
        if self.peek()? != Some(&Token::Or) {
            return Ok(first);
        }
        let mut alternatives = vec![first];
        while self.peek()? == Some(&Token::Or) {
            self.next()?;
            if !self.at_term()? {
                return Err(QueryError::DanglingOperator(Operator::Or));
            }
            alternatives.push(self.unary()?);
        }
        Ok(Node::Or(alternatives))
    }

    /// A term, possibly negated: a word, a phrase, a filter or a group.
    fn unary(&mut self) -> Result<Node, QueryError> {
        match self.next()? {
            Some(Token::Not) => {
                if !self.at_term()? {
                    return Err(QueryError::DanglingOperator(Operator::Not));
                }
                self.nested(|parser| Ok(Node::Not(Box::new(parser.unary()?))))
            }
            Some(Token::Open) => self.nested(|parser| {
                let items = parser.sequence(true)?;
                if items.is_empty() {
                    return Err(QueryError::EmptyParentheses);
                }
                Ok(Node::And(items))
            }),
            Some(Token::Word(word)) => Ok(Node::Word(word.to_string())),
            Some(Token::Phrase(phrase)) => Ok(Node::Phrase(phrase.to_string())),
            Some(Token::Filter(filter)) => Ok(Node::Filter(filter)),
            // `at_term` and `sequence` let only terms reach here.
            Some(Token::And) => Err(QueryError::DanglingOperator(Operator::And)),
            Some(Token::Or) => Err(QueryError::DanglingOperator(Operator::Or)),
            Some(Token::Close) => Err(QueryError::UnopenedParenthesis),
            None => Err(QueryError::Empty),
        }
    }

    /// Runs `parse` one nesting level deeper, refusing to pass [`MAX_DEPTH`].
    fn nested(
        &mut self,
        parse: impl FnOnce(&mut Self) -> Result<Node, QueryError>,
    ) -> Result<Node, QueryError> {
        if self.depth >= MAX_DEPTH {
            return Err(QueryError::TooDeep);
        }
        self.depth += 1;
        let node = parse(self);
        self.depth -= 1;
        node
    }
}

/// Flattens groups into the sequence or alternatives they stand in, merges repeated siblings,
/// cancels double negations, and checks that every exclusion has something beside it. The
/// recursion follows the parser's, bounded by [`MAX_DEPTH`].
fn normalize(node: Node) -> Result<Node, QueryError> {
    match node {
        Node::And(children) => {
            let flat = flatten_and(children)?;
            if flat.iter().all(Node::is_negated) {
                return Err(QueryError::OnlyExclusions);
            }
            Ok(single_or(flat, Node::And))
        }
        Node::Or(children) => {
            let mut flat = Vec::with_capacity(children.len());
            for child in children {
                match normalize(child)? {
                    Node::Or(grandchildren) => flat.extend(grandchildren),
                    Node::Not(_) => return Err(QueryError::ExcludedAlternative),
                    other => flat.push(other),
                }
            }
            Ok(single_or(without_repeats(flat), Node::Or))
        }
        Node::Not(inner) => match normalize(*inner)? {
            Node::Not(positive) => Ok(*positive),
            negated => Ok(Node::Not(Box::new(negated))),
        },
        leaf => Ok(leaf),
    }
}

/// The members of a sequence, with the groups among them spliced in (a group of exclusions
/// is fine there: `paix (-guerre)` is `paix -guerre`) and repeats removed.
fn flatten_and(children: Vec<Node>) -> Result<Vec<Node>, QueryError> {
    let mut flat = Vec::with_capacity(children.len());
    for child in children {
        match child {
            Node::And(grandchildren) => flat.extend(flatten_and(grandchildren)?),
            other => match normalize(other)? {
                Node::And(grandchildren) => flat.extend(grandchildren),
                other => flat.push(other),
            },
        }
    }
    Ok(without_repeats(flat))
}

/// The nodes with later repeats removed.
fn without_repeats(nodes: Vec<Node>) -> Vec<Node> {
    let mut seen = HashSet::with_capacity(nodes.len());
    nodes
        .into_iter()
        .filter(|node| seen.insert(node.clone()))
        .collect()
}

/// The only node of `nodes`, or all of them under `combine`.
fn single_or(mut nodes: Vec<Node>, combine: fn(Vec<Node>) -> Node) -> Node {
    if nodes.len() == 1 {
        nodes.pop().expect("one node")
    } else {
        combine(nodes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Node, QueryError> {
        Query::parse(text, &[]).map(|q| q.root)
    }

    fn word(w: &str) -> Node {
        Node::Word(w.to_string())
    }

    fn not(node: Node) -> Node {
        Node::Not(Box::new(node))
    }

    fn filter(field: FilterField, value: &str) -> Node {
        Node::Filter(Filter::parse(field, value).unwrap())
    }

    #[test]
    fn words_side_by_side_are_all_required() {
        assert_eq!(parse("paix").unwrap(), word("paix"));
        assert_eq!(
            parse("  diplomatie   préventive ").unwrap(),
            Node::And(vec![word("diplomatie"), word("préventive")])
        );
        assert_eq!(
            parse("diplomatie AND préventive").unwrap(),
            parse("diplomatie préventive").unwrap()
        );
        assert_eq!(parse("+paix").unwrap(), word("paix"));
    }

    #[test]
    fn or_binds_tighter_than_and_and_not_tightest() {
        assert_eq!(
            parse("a b OR c").unwrap(),
            Node::And(vec![word("a"), Node::Or(vec![word("b"), word("c")])])
        );
        assert_eq!(
            parse("a OR b c").unwrap(),
            Node::And(vec![Node::Or(vec![word("a"), word("b")]), word("c")])
        );
        assert_eq!(
            parse("a OR b OR c").unwrap(),
            Node::Or(vec![word("a"), word("b"), word("c")])
        );
        assert_eq!(
            parse("cooperation -regional").unwrap(),
            Node::And(vec![word("cooperation"), not(word("regional"))])
        );
        assert_eq!(
            parse("peace NOT keeping").unwrap(),
            parse("peace -keeping").unwrap()
        );
        assert_eq!(
            parse("(a OR b) -(c d)").unwrap(),
            Node::And(vec![
                Node::Or(vec![word("a"), word("b")]),
                not(Node::And(vec![word("c"), word("d")]))
            ])
        );
    }

    #[test]
    fn phrases_keep_their_text_and_operators_inside_them() {
        assert_eq!(
            parse("\"rule of law\" OR \"état de droit\"").unwrap(),
            Node::Or(vec![
                Node::Phrase("rule of law".into()),
                Node::Phrase("état de droit".into())
            ])
        );
        assert_eq!(
            parse("\"type:x (OR) -y\"").unwrap(),
            Node::Phrase("type:x (OR) -y".into())
        );
        assert_eq!(
            parse("-\"a b\" c").unwrap(),
            Node::And(vec![not(Node::Phrase("a b".into())), word("c")])
        );
    }

    #[test]
    fn signs_and_punctuation_not_glued_to_a_term_are_word_characters() {
        assert_eq!(parse("COVID-19").unwrap(), word("COVID-19"));
        assert_eq!(
            parse("paix - guerre").unwrap(),
            Node::And(vec![word("paix"), word("-"), word("guerre")])
        );
        assert_eq!(parse("paix^2").unwrap(), word("paix^2"));
        assert_eq!(parse("12:30").unwrap(), word("12:30"));
        assert_eq!(parse("l'Organisation").unwrap(), word("l'Organisation"));
        assert_eq!(parse("or").unwrap(), word("or"));
    }

    #[test]
    fn filters_are_typed_and_take_quoted_values() {
        assert_eq!(
            parse("diplomatie type:operative -lang:en préventive").unwrap(),
            Node::And(vec![
                word("diplomatie"),
                Node::Filter(Filter::Type(ClauseType::Operative)),
                not(Node::Filter(Filter::Lang(Language::En))),
                word("préventive"),
            ])
        );
        assert_eq!(
            parse("TYPE:PP body:\"conseil de sécurité\" session:75").unwrap(),
            Node::And(vec![
                Node::Filter(Filter::Type(ClauseType::Preambular)),
                Node::Filter(Filter::Body(Body::SecurityCouncil)),
                Node::Filter(Filter::Session(75)),
            ])
        );
    }

    #[test]
    fn a_security_council_symbol_keeps_its_year_without_quotes() {
        let cited = filter(FilterField::Cites, "S/RES/242 (1967)");
        assert_eq!(parse("cites:S/RES/242 (1967)").unwrap(), cited);
        assert_eq!(parse("cites:\"S/RES/242 (1967)\"").unwrap(), cited);
        assert_eq!(parse("cites:\"S/RES/242\"(1967)").unwrap(), cited);
        assert_eq!(
            parse("cites:S/RES/242 (1967) withdrawal").unwrap(),
            Node::And(vec![cited.clone(), word("withdrawal")])
        );
        assert_eq!(
            parse("(cites:S/RES/242 (1967))").unwrap(),
            cited,
            "the year, then the group's parenthesis"
        );
        assert_eq!(
            parse("cites:S/RES/242(1967)").unwrap(),
            filter(FilterField::Cites, "S/RES/242(1967)")
        );
        // Not a year: a group of words after the filter.
        assert_eq!(
            parse("cites:A/RES/1 (paix)").unwrap(),
            Node::And(vec![filter(FilterField::Cites, "A/RES/1"), word("paix")])
        );
        assert_eq!(
            parse("diplomatie (1967)").unwrap(),
            Node::And(vec![word("diplomatie"), word("1967")])
        );
    }

    #[test]
    fn non_ascii_values_and_words_never_split_a_character() {
        assert_eq!(
            parse("cites:A/RES/1 (aé€)").unwrap(),
            Node::And(vec![filter(FilterField::Cites, "A/RES/1"), word("aé€")])
        );
        assert_eq!(
            parse("cites:A/RES/1 (éé€€)").unwrap(),
            Node::And(vec![filter(FilterField::Cites, "A/RES/1"), word("éé€€")])
        );
        // `€` is no letter: `€:x` is a word, not a field.
        assert_eq!(
            parse("opening:préambule €:x").unwrap(),
            Node::And(vec![
                Node::Filter(Filter::Opening("préambule".into())),
                word("€:x")
            ])
        );
        assert_eq!(
            parse("opening:Réaffirmant").unwrap(),
            Node::Filter(Filter::Opening("Réaffirmant".into()))
        );
        assert_eq!(
            parse("Économie:x").unwrap_err(),
            QueryError::UnknownField("économie".into())
        );
        assert_eq!(
            parse("symbol:A/RES/75/272 «paix» 和平").unwrap(),
            Node::And(vec![
                filter(FilterField::Symbol, "A/RES/75/272"),
                word("«paix»"),
                word("和平")
            ])
        );
    }

    #[test]
    fn filters_stand_anywhere_a_word_does() {
        let operative = Node::Filter(Filter::Type(ClauseType::Operative));
        assert_eq!(parse("(type:operative)").unwrap(), operative);
        assert_eq!(
            parse("(Centre type:operative)").unwrap(),
            parse("Centre type:operative").unwrap()
        );
        assert_eq!(
            parse("Centre (type:operative OR body:sc)").unwrap(),
            Node::And(vec![
                word("Centre"),
                Node::Or(vec![
                    operative.clone(),
                    Node::Filter(Filter::Body(Body::SecurityCouncil))
                ])
            ])
        );
        assert_eq!(
            parse("paix -(type:operative)").unwrap(),
            Node::And(vec![word("paix"), not(operative)])
        );
    }

    #[test]
    fn flags_are_filters_added_at_the_end() {
        let q = Query::parse("Centre", &[Filter::Type(ClauseType::Operative)]).unwrap();
        assert_eq!(q.root(), &parse("Centre type:operative").unwrap());
        let q = Query::parse("  ", &[Filter::Cites("A/RES/72/7".into())]).unwrap();
        assert_eq!(q.root(), &filter(FilterField::Cites, "A/RES/72/7"));
    }

    #[test]
    fn groups_flatten_and_repeats_count_once() {
        assert_eq!(
            parse("((a b)) c").unwrap(),
            Node::And(vec![word("a"), word("b"), word("c")])
        );
        assert_eq!(parse("paix paix (paix)").unwrap(), word("paix"));
        assert_eq!(
            parse("(a OR b) OR c OR a").unwrap(),
            Node::Or(vec![word("a"), word("b"), word("c")])
        );
        assert_eq!(
            parse("guerre NOT -paix").unwrap(),
            Node::And(vec![word("guerre"), word("paix")])
        );
        assert_eq!(
            parse("paix (-guerre)").unwrap(),
            Node::And(vec![word("paix"), not(word("guerre"))])
        );
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
    fn errors_say_what_is_wrong() {
        for (text, error) in [
            ("", QueryError::Empty),
            ("   ", QueryError::Empty),
            ("\"diplomatie préventive", QueryError::UnbalancedQuote),
            ("(diplomatie OR paix", QueryError::UnclosedParenthesis),
            ("diplomatie)", QueryError::UnopenedParenthesis),
            ("paix ()", QueryError::EmptyParentheses),
            ("colour:red", QueryError::UnknownField("colour".into())),
            ("type:", QueryError::MissingValue(FilterField::Type)),
            ("(type:)", QueryError::MissingValue(FilterField::Type)),
            ("type:\"\"", QueryError::MissingValue(FilterField::Type)),
            (
                "cites:\"S/RES/242",
                QueryError::UnbalancedQuoteInValue(FilterField::Cites),
            ),
            (
                "type:resolution",
                QueryError::BadValue {
                    field: FilterField::Type,
                    value: "resolution".into(),
                },
            ),
            (
                "session:seventy",
                QueryError::BadValue {
                    field: FilterField::Session,
                    value: "seventy".into(),
                },
            ),
            (
                "session:0",
                QueryError::BadValue {
                    field: FilterField::Session,
                    value: "0".into(),
                },
            ),
            (
                "opening:…",
                QueryError::BadValue {
                    field: FilterField::Opening,
                    value: "…".into(),
                },
            ),
            ("OR paix", QueryError::DanglingOperator(Operator::Or)),
            ("paix OR", QueryError::DanglingOperator(Operator::Or)),
            (
                "paix OR OR guerre",
                QueryError::DanglingOperator(Operator::Or),
            ),
            (
                "(paix OR) guerre",
                QueryError::DanglingOperator(Operator::Or),
            ),
            ("AND paix", QueryError::DanglingOperator(Operator::And)),
            ("paix AND", QueryError::DanglingOperator(Operator::And)),
            ("paix NOT", QueryError::DanglingOperator(Operator::Not)),
            ("paix OR -guerre", QueryError::ExcludedAlternative),
            ("-regional", QueryError::OnlyExclusions),
            ("NOT paix", QueryError::OnlyExclusions),
            ("-type:preambular", QueryError::OnlyExclusions),
            ("paix OR (-guerre)", QueryError::OnlyExclusions),
            ("paix -(-guerre)", QueryError::OnlyExclusions),
        ] {
            assert_eq!(parse(text), Err(error), "{text:?}");
        }
    }

    #[test]
    fn error_messages_name_the_fix() {
        let message = |text| parse(text).unwrap_err().to_string();
        assert_eq!(
            message("colour:red"),
            "unknown field \"colour\" in the query; the fields are type, cites, symbol, lang, body, session, opening"
        );
        assert_eq!(message("type:"), "type: needs a value, e.g. type:operative");
        assert!(message("\"a").contains("unbalanced quote"));
        assert!(message("(a").contains("( is never closed"));
        assert!(message("a)").contains(") closes nothing"));
        assert!(message("").contains("empty query"));
        assert!(message("type:resolution").contains("use type:preambular or type:operative"));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let nested = |n: usize| format!("{}paix{}", "(".repeat(n), ")".repeat(n));
        assert_eq!(parse(&nested(MAX_DEPTH)).unwrap(), word("paix"));
        assert_eq!(parse(&nested(MAX_DEPTH + 1)), Err(QueryError::TooDeep));
        assert_eq!(parse(&nested(100_000)), Err(QueryError::TooDeep));
        let nots = format!("guerre {}paix", "NOT ".repeat(100_000));
        assert_eq!(parse(&nots), Err(QueryError::TooDeep));
        let negated = format!("guerre {}paix{}", "-(".repeat(50_000), ")".repeat(50_000));
        assert_eq!(parse(&negated), Err(QueryError::TooDeep));
        // Unclosed: the depth limit speaks first.
        assert_eq!(parse(&"(".repeat(100_000)), Err(QueryError::TooDeep));
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
