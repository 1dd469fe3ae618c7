//! Explicit symbols: `S/2007/279`, `A/RES/ES-10/19`, `S/RES/242 (1967)`, `A/CONF.157/24 (Part
//! I)`, and the addenda and corrigenda joined to one by "and" (`S/10896 and Corr.1 and Add.1`).

use super::reference::{roman_in_parens_tail, skip_part_letter, year_in_parens_tail};
use super::{Cursor, prev_char};

/// Suffix words of a symbol that OCR may split from their number: `Rev. 1`.
const SPLIT_SUFFIXES: [&str; 4] = ["ADD", "REV", "CORR", "AMEND"];

/// Segment words the UN prints in title case before a dot: `Add.1`, `UNEP/EA.5/Res.14`.
const TITLE_CASE: [&str; 7] = ["ADD", "REV", "CORR", "AMEND", "MISC", "RES", "DEC"];

/// How many documents a range of addenda (`Add.1 to 31`) may name; a longer one is read as its
/// first.
const MAX_RANGE: u32 = 60;

/// Whether a symbol may start at `i`: at a word boundary, right after an undocs.org link, or
/// after the hyphen of a joint symbol (`A/71/982-S/2017/600`).
pub(super) fn symbol_may_start(s: &str, i: usize) -> bool {
    match prev_char(s, i) {
        None => true,
        Some('/') => {
            let before = &s[..i - 1];
            before.ends_with("undocs.org")
                || before.rsplit_once('/').is_some_and(|(head, lang)| {
                    head.ends_with("undocs.org")
                        && lang.len() == 2
                        && lang.bytes().all(|b| b.is_ascii_lowercase())
                })
        }
        Some('-') => s[..i - 1].ends_with(|c: char| c.is_ascii_digit()),
        Some(c) => !(c.is_alphanumeric() || c == '.' || c == '_'),
    }
}

/// Parse a symbol starting at `start`: an upper-case organ prefix, then `/`-separated segments
/// of letters, digits and inner dots, at least one holding a digit (so "HIV/AIDS" is not one).
/// Returns the canonical symbol and the byte offset just after it; trailing punctuation
/// (`S/2007/280.`, `A/79/1).`) is left out.
pub(super) fn parse_symbol(s: &str, start: usize) -> Option<(String, usize)> {
    let b = s.as_bytes();
    let mut i = start;
    while i < b.len() && b[i].is_ascii_uppercase() {
        i += 1;
    }
    // A roman numeral is not an organ: "decision VII/5" of a convention's conference.
    let roman = b[start..i].iter().all(|x| matches!(x, b'I' | b'V' | b'X'));
    if i == start || roman || b.get(i) != Some(&b'/') {
        return None;
    }
    let mut raw = s[start..i].to_string();
    let mut has_digit = false;
    let mut first = true;
    while b.get(i) == Some(&b'/') {
        let mut j = i + 1;
        if first {
            // OCR wraps "S/\n11311": accept white space after the prefix if a number follows.
            let k = skip_ascii_ws(b, j);
            if k > j && b.get(k).is_some_and(u8::is_ascii_digit) {
                j = k;
            }
        }
        let seg_start = raw.len() + 1;
        raw.push('/');
        while let Some(&c) = b.get(j) {
            let seg = &raw[seg_start..];
            let next = b.get(j + 1).copied();
            if c.is_ascii_alphanumeric() {
                raw.push(c as char);
                j += 1;
            } else if c == b'.'
                && !seg.is_empty()
                && next.is_some_and(|n| n.is_ascii_alphanumeric())
            {
                // Inner dot: `L.72`, `CN.4`, `Add.1`; a dot before a space ends the symbol.
                raw.push('.');
                j += 1;
            } else if c == b'.' && SPLIT_SUFFIXES.iter().any(|w| seg.eq_ignore_ascii_case(w)) {
                // `Rev. 1`: keep the dot, drop the space, if a number follows.
                let k = skip_ascii_ws(b, j + 1);
                if k == j + 1 || !b.get(k).is_some_and(u8::is_ascii_digit) {
                    break;
                }
                raw.push('.');
                j = k;
            } else if c == b'-'
                && !seg.is_empty()
                && seg.bytes().all(|x| x.is_ascii_uppercase())
                && next.is_some_and(|n| n.is_ascii_digit() || n.is_ascii_uppercase())
            {
                // `ES-10`, `S-27` (special sessions), `COP-MOP`. A hyphen after a number is
                // a joint symbol: `A/71/982-S/2017/600`.
                raw.push('-');
                j += 1;
            } else {
                break;
            }
        }
        if raw.len() == seg_start {
            raw.pop(); // a trailing slash is not part of the symbol
            break;
        }
        has_digit |= raw[seg_start..].bytes().any(|x| x.is_ascii_digit());
        i = j;
        first = false;
    }
    if !has_digit {
        return None;
    }
    let mut symbol = canonical(&raw);
    // Old resolutions carry their year or session in parentheses: `S/RES/242 (1967)`,
    // `A/RES/1514 (XV)`.
    let number_of = |prefix: &str| {
        symbol
            .strip_prefix(prefix)
            .is_some_and(|n| n.bytes().all(|x| x.is_ascii_digit()))
    };
    let mut c = Cursor { s, at: i };
    let suffix = if number_of("S/RES/") {
        year_suffix(&mut c)
    } else if number_of("A/RES/") {
        session_suffix(&mut c)
    } else {
        None
    };
    if let Some(suffix) = suffix {
        symbol.push(' ');
        symbol.push_str(&suffix);
        i = c.at;
    } else if let Some(qualifier) = qualifier(&mut c) {
        // A part, volume or section printed after the symbol: `A/CONF.157/24 (Part I)`,
        // `A/79/6 (Sect. 29A)/Corr.1`.
        symbol.push(' ');
        symbol.push_str(&qualifier);
        i = c.at;
        while b.get(i) == Some(&b'/') {
            let segment = c.s[i + 1..]
                .find(|x: char| !(x.is_ascii_alphanumeric() || x == '.'))
                .map_or(&c.s[i + 1..], |n| &c.s[i + 1..i + 1 + n])
                .trim_end_matches('.');
            if !is_companion_segment(segment) {
                break;
            }
            symbol.push('/');
            symbol.push_str(&canonical(segment));
            i += 1 + segment.len();
        }
    }
    Some((symbol, i))
}

/// `(Part I)`, `(Parts I and II)`, `(Vol. I)`, `(Sect. 29A)` after a symbol (any case, French
/// `Partie` read as `Part`), canonical; nothing consumed when there is none.
fn qualifier(c: &mut Cursor) -> Option<String> {
    let mut p = *c;
    p.skip_ws();
    if !p.eat("(") {
        return None;
    }
    let word = p
        .eat_while(|x| x.is_ascii_alphabetic())
        .to_ascii_lowercase();
    let dotted = p.eat(".");
    let name = match (word.as_str(), dotted) {
        ("part" | "partie", _) => "Part",
        ("parts" | "parties", _) => "Parts",
        ("vol" | "volume", _) => "Vol.",
        ("vols" | "volumes", _) => "Vols.",
        ("sect" | "section", _) => "Sect.",
        _ => return None,
    };
    let mut out = format!("({name}");
    let mut words = 0;
    loop {
        p.skip_ws();
        if p.eat(")") {
            break;
        }
        if p.eat(",") {
            out.push(',');
            continue;
        }
        let token = p.eat_while(|x| x.is_ascii_alphanumeric() || x == '-');
        words += 1;
        if token.is_empty() || token.len() > 6 || words > 8 {
            return None;
        }
        out.push(' ');
        let upper = token.to_ascii_uppercase();
        match token.to_ascii_lowercase().as_str() {
            conjunction @ ("and" | "et" | "to") => out.push_str(conjunction),
            // A roman or arabic number, or a letter: `I`, `29A`, `B`.
            _ if upper.bytes().all(|x| b"IVXLC".contains(&x))
                || upper.starts_with(|x: char| x.is_ascii_digit())
                || upper.len() == 1 =>
            {
                out.push_str(&upper)
            }
            _ => return None,
        }
    }
    if words == 0 {
        return None;
    }
    out.push(')');
    *c = p;
    Some(out)
}

/// Whether a segment of a symbol is an addendum, corrigendum, revision or amendment of what
/// comes before it: `Add.1`, `Corr.2`, `Rev.1`, `Amend.1`.
pub(super) fn is_companion_segment(segment: &str) -> bool {
    segment.split_once('.').is_some_and(|(word, number)| {
        SPLIT_SUFFIXES.iter().any(|w| word.eq_ignore_ascii_case(w))
            && !number.is_empty()
            && number.bytes().all(|x| x.is_ascii_alphanumeric())
    })
}

/// The addenda and corrigenda named after `symbol`, which ends at `end`: "and Corr.1",
/// "and Add.1 and 2", "and Add.1-3", "and Add.1 to 31", "and Add.1/Rev.1", "et Corr.1"; and
/// the offset after the last one. Each belongs to `symbol` as written ("S/10896 and Corr.1"
/// is `S/10896/Corr.1`, "A/79/1/Add.1 and Corr.1" is `A/79/1/Add.1/Corr.1`), except one of the
/// same kind as the symbol's own last part, which stands beside it ("S/7930/Add.64 and Add.65"
/// is `S/7930/Add.65`).
pub(super) fn companions(s: &str, end: usize, symbol: &str) -> (Vec<String>, usize) {
    let mut out = Vec::new();
    let mut c = Cursor { s, at: end };
    loop {
        let mut p = c;
        p.skip_ws();
        let comma = p.eat(",");
        p.skip_ws();
        let conjunction = p.word("and") || p.word("et") || p.eat("&");
        if !(comma || conjunction) {
            break;
        }
        p.skip_ws();
        let Some((word, numbers)) = companion_numbers(&mut p) else {
            break;
        };
        // "Add.1/Rev.1": a revision of that addendum.
        let mut tail = String::new();
        while p.peek() == Some('/') {
            let mut q = p;
            q.eat("/");
            let segment = q.eat_while(|x| x.is_ascii_alphanumeric() || x == '.');
            let segment = segment.trim_end_matches('.');
            if !is_companion_segment(segment) {
                break;
            }
            q.at = p.at + 1 + segment.len();
            tail.push('/');
            tail.push_str(&canonical(segment));
            p = q;
        }
        let (own_head, own_last) = symbol.rsplit_once('/').unwrap_or(("", symbol));
        let sibling = own_last
            .split_once('.')
            .is_some_and(|(w, _)| is_companion_segment(own_last) && w.eq_ignore_ascii_case(word));
        for n in numbers {
            let segment = canonical(&format!("{word}.{n}"));
            let companion = if sibling {
                format!("{own_head}/{segment}{tail}")
            } else {
                format!("{symbol}/{segment}{tail}")
            };
            out.push(companion);
        }
        c = p;
    }
    (out, c.at)
}

/// `Add.1`, `Corr. 1`, `Add.1-3`, `Add.1 to 31`, `Add.1 and 2` at the cursor: the suffix word
/// and the numbers it names.
fn companion_numbers<'a>(p: &mut Cursor<'a>) -> Option<(&'a str, Vec<u32>)> {
    let mut q = *p;
    let word = q.eat_while(|x| x.is_ascii_alphabetic());
    let known = matches!(
        word,
        "Add" | "Corr" | "Rev" | "Amend" | "ADD" | "CORR" | "REV" | "AMEND"
    );
    if !known || !q.eat(".") {
        return None;
    }
    q.eat(" ");
    let first = number(&mut q)?;
    let mut numbers = vec![first];
    loop {
        // A range: "Add.1-3", "Add.1–3", "Add.1 to 31".
        let mut r = q;
        let ranged = r.eat("-") || r.eat("–") || {
            r.skip_ws();
            r.word("to") && r.skip_ws()
        };
        if ranged && let Some(last) = number(&mut r) {
            let from = *numbers.last().expect("a number");
            if last > from && last - from <= MAX_RANGE {
                numbers.extend(from + 1..=last);
            }
            q = r;
            continue;
        }
        // Other numbers of the same kind: "Add.1 and 2", "Add.1, 2 and 3" (numbers after a
        // comma count only once "and" closes the list: "Add.65, 22" ends with a footnote
        // number).
        let mut r = q;
        let mut pending = Vec::new();
        loop {
            r.skip_ws();
            let comma = r.eat(",");
            r.skip_ws();
            let conjunction = r.word("and") || r.word("et");
            r.skip_ws();
            if !(comma || conjunction) {
                break;
            }
            let Some(next) = number(&mut r) else {
                break;
            };
            // Not a date or a count that goes on with a word: "and 2 December".
            let mut after = r;
            after.skip_ws();
            let word_follows = after.peek().is_some_and(char::is_alphabetic)
                && !(after.word("and") || after.word("et"));
            if word_follows {
                break;
            }
            pending.push(next);
            if conjunction {
                numbers.append(&mut pending);
                q = r;
            }
        }
        break;
    }
    *p = q;
    Some((word, numbers))
}

/// A number of one to three digits ending a word.
fn number(c: &mut Cursor) -> Option<u32> {
    let mut p = *c;
    let digits = p.digits();
    if digits.is_empty() || digits.len() > 3 || !p.at_word_end() {
        return None;
    }
    *c = p;
    digits.parse().ok()
}

/// `(1967)` after `S/RES/242`, with an optional space.
fn year_suffix(c: &mut Cursor) -> Option<String> {
    let mut p = *c;
    p.skip_ws();
    if !p.eat("(") {
        return None;
    }
    let year = year_in_parens_tail(&mut p)?.to_string();
    *c = p;
    Some(format!("({year})"))
}

/// `(XV)` or ` A (XXI)` after `A/RES/1514`.
fn session_suffix(c: &mut Cursor) -> Option<String> {
    let mut p = *c;
    p.skip_ws();
    skip_part_letter(&mut p);
    p.skip_ws();
    if !p.eat("(") {
        return None;
    }
    let session = roman_in_parens_tail(&mut p)?;
    *c = p;
    Some(format!("({session})"))
}

fn skip_ascii_ws(b: &[u8], mut j: usize) -> usize {
    while b.get(j).is_some_and(u8::is_ascii_whitespace) {
        j += 1;
    }
    j
}

/// Upper-case every segment but keep the UN's spelling of `Add.`, `Rev.`, `Res.` … and `Agenda`.
fn canonical(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for (k, seg) in raw.split('/').enumerate() {
        if k > 0 {
            out.push('/');
        }
        let up = seg.to_ascii_uppercase();
        match up.split_once('.') {
            _ if up == "AGENDA" => out.push_str("Agenda"),
            Some((word, rest)) if TITLE_CASE.contains(&word) => {
                out.push_str(&word[..1]);
                out.push_str(&word[1..].to_ascii_lowercase());
                out.push('.');
                out.push_str(rest);
            }
            _ => out.push_str(&up),
        }
    }
    out
}
