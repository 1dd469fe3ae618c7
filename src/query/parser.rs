//! The parser: tokens read into a tree by recursive descent (a sequence of alternatives of
//! possibly negated terms), then normalised: groups flattened, repeats merged, exclusions
//! checked. Nesting is bounded by [`MAX_DEPTH`], so the recursion is too.

use std::collections::HashSet;

use super::lexer::{Lexer, Token};
use super::{MAX_DEPTH, Node, Operator, QueryError};

/// Reads tokens into a tree: a sequence (AND) of alternatives (OR) of possibly negated terms.
pub(super) struct Parser<'a> {
    lexer: Lexer<'a>,
    peeked: Option<Option<Token<'a>>>,
    depth: usize,
}

impl<'a> Parser<'a> {
    pub(super) fn new(text: &'a str) -> Parser<'a> {
        Parser {
            lexer: Lexer::new(text),
            peeked: None,
            depth: 0,
        }
    }

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
    pub(super) fn sequence(&mut self, in_group: bool) -> Result<Vec<Node>, QueryError> {
        let mut items = Vec::new();
        loop {
            match self.peek()? {
                None if in_group => return Err(QueryError::UnclosedParenthesis),
                None => return Ok(items),
                Some(Token::Close) if in_group => {
                    self.next()?;
                    return Ok(items);
                }
                // "a)", "iv)", "2)": a subparagraph's letter or number, not a group's end.
                Some(Token::Close) if items.last().is_some_and(is_enumerator) => {
                    self.next()?;
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

/// Whether a node is a word that numbers a subparagraph: `a`, `bb`, `iv`, `12`, `A`.
fn is_enumerator(node: &Node) -> bool {
    let Node::Word(word) = node else {
        return false;
    };
    let roman = word.chars().all(|c| matches!(c, 'i' | 'v' | 'x'));
    let letters = word.chars().all(|c| c.is_ascii_lowercase()) && word.len() <= 2;
    let number = word.chars().all(|c| c.is_ascii_digit()) && word.len() <= 3;
    let capital = word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase());
    !word.is_empty() && word.len() <= 5 && (roman || letters || number || capital)
}

/// Flattens groups into the sequence or alternatives they stand in, merges repeated siblings,
/// cancels double negations, and checks that every exclusion has something beside it. The
/// recursion follows the parser's, bounded by [`MAX_DEPTH`].
pub(super) fn normalize(node: Node) -> Result<Node, QueryError> {
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
    use crate::model::{Body, ClauseType, FilterField};
    use crate::query::tests::{not, parse, word};
    use crate::query::{Filter, MAX_DEPTH, Node, Operator, QueryError};

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
    fn errors_say_what_is_wrong() {
        for (text, error) in [
            ("", QueryError::Empty),
            ("   ", QueryError::Empty),
            ("\"diplomatie préventive", QueryError::UnbalancedQuote),
            ("(diplomatie OR paix", QueryError::UnclosedParenthesis),
            ("diplomatie)", QueryError::UnopenedParenthesis),
            ("(a) paix)", QueryError::UnopenedParenthesis),
            ("paix ()", QueryError::EmptyParentheses),
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
    fn a_subparagraph_letter_before_a_parenthesis_is_text() {
        assert_eq!(
            parse("a) To uphold b) To respect").unwrap(),
            parse("a To uphold b To respect").unwrap()
        );
        assert_eq!(parse("iv) paix").unwrap(), parse("iv paix").unwrap());
        assert_eq!(parse("(a) paix").unwrap(), parse("a paix").unwrap());
        // Inside a group, the parenthesis closes it.
        assert_eq!(
            parse("(paix OR a) guerre").unwrap(),
            Node::And(vec![
                Node::Or(vec![word("paix"), word("a")]),
                word("guerre")
            ])
        );
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
}
