//! The lexer: the query text cut into tokens, by characters (never a byte slice that could
//! split one), a filter's value read and typed as it is met.

use std::iter::Peekable;
use std::str::CharIndices;

use super::{Filter, QueryError};
use crate::model::FilterField;

/// A token of the query text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Token<'a> {
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
pub(super) struct Lexer<'a> {
    text: &'a str,
    chars: Peekable<CharIndices<'a>>,
}

/// Characters that end a word (white space aside).
fn ends_word(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | ')' | '"')
}

impl<'a> Lexer<'a> {
    pub(super) fn new(text: &'a str) -> Lexer<'a> {
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
    pub(super) fn next_token(&mut self) -> Result<Option<Token<'a>>, QueryError> {
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
        // A name that is no field is text: "Federation:", "Décide ce qui suit :".
        if let Some(field) =
            name_end.and_then(|end| self.text[start..end].parse::<FilterField>().ok())
        {
            let name_end = name_end.expect("a field name");
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

#[cfg(test)]
mod tests {
    use crate::model::{Body, ClauseType, FilterField, Language};
    use crate::query::tests::{filter, not, parse, word};
    use crate::query::{Filter, Node};

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
    fn a_name_before_a_colon_that_is_no_field_is_text() {
        assert_eq!(
            parse("Russian Federation: (a)").unwrap(),
            Node::And(vec![word("Russian"), word("Federation:"), word("a")])
        );
        assert_eq!(parse("colour:red").unwrap(), word("colour:red"));
        assert_eq!(
            parse("https://undocs.org/A/RES/72/7").unwrap(),
            word("https://undocs.org/A/RES/72/7")
        );
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
        assert_eq!(parse("Économie:x").unwrap(), word("Économie:x"));
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
}
