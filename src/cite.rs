//! Finding the UN document symbols a clause cites.
//!
//! A clause points to other documents in three ways: explicit symbols (`S/2007/279`,
//! `A/71/982-S/2017/600`, `https://undocs.org/fr/A/RES/72/7`), in-text references to
//! resolutions and decisions (`sa résolution 72/7`, `resolutions 1325 (2000) and 1820 (2008)`),
//! and the same in its footnotes. Every one is turned into the canonical symbol a user would
//! search for (`A/RES/72/7`, `S/RES/1325 (2000)`), so that "which clauses cite X" is one term
//! query in the index.
//!
//! This runs on every clause of corpora of about a million clauses, so it is a single pass of a
//! small hand-written scanner over the text: no regex, no allocation except for what is found.

use std::collections::HashSet;

use crate::model::Body;

/// Symbols cited in `text`, in order of first appearance, no duplicates, normalised.
/// `body` decides how bare in-text resolution references are read.
///
/// A bare "resolution 79/6" is a General Assembly resolution only in a General Assembly text;
/// "resolution 242 (1967)" is a Security Council one and "resolution 1514 (XV)" a General
/// Assembly one whatever the body.
pub fn cites_in(text: &str, body: Body) -> Vec<String> {
    cites_in_all([text], body)
}

/// Symbols cited in several texts, such as a clause and its footnotes, in order of first
/// appearance, no duplicates (same rules as [`cites_in`]). Takes time in proportion to the
/// texts, however many symbols they cite.
pub fn cites_in_all<'a>(texts: impl IntoIterator<Item = &'a str>, body: Body) -> Vec<String> {
    let mut found = Found::default();
    for text in texts {
        scan(&mut found, text, body);
    }
    found.list
}

/// Append to `out` the symbols of `text` not already in `out` (same rules); used to merge a
/// clause's text cites with its footnotes' cites. Looks at each symbol of `out` once: to merge
/// many texts, [`cites_in_all`] is cheaper.
pub fn extend_cites(out: &mut Vec<String>, text: &str, body: Body) {
    let mut found = Found {
        list: std::mem::take(out),
        seen: HashSet::new(),
    };
    scan(&mut found, text, body);
    *out = found.list;
}

/// Symbols found so far, in order, each once. Short lists are searched in place; past
/// [`Found::SMALL`] symbols a hash set answers, so that a text of a million symbols costs a
/// million look-ups, not a million squared.
#[derive(Default)]
struct Found {
    list: Vec<String>,
    /// Every symbol of `list` once it holds more than [`Found::SMALL`]; empty before.
    seen: HashSet<String>,
}

impl Found {
    const SMALL: usize = 16;

    fn push(&mut self, symbol: String) {
        if self.list.len() < Self::SMALL {
            if self.list.contains(&symbol) {
                return;
            }
        } else {
            if self.seen.is_empty() {
                self.seen.extend(self.list.iter().cloned());
            }
            if !self.seen.insert(symbol.clone()) {
                return;
            }
        }
        self.list.push(symbol);
    }
}

/// Finds the symbols of `text` and adds those not found before to `found`.
fn scan(found: &mut Found, text: &str, body: Body) {
    let bytes = text.as_bytes();
    // The organ named by the last "X resolutions" that cited nothing, and where it ended, for
    // "Human Rights Council resolutions, in particular resolution 52/3".
    let mut carried: Option<(Organ, usize)> = None;
    // The Human Rights Council or ECOSOC when the last references were theirs, and where they
    // ended.
    let mut followed: Option<(Organ, usize)> = None;
    let mut i = 0;
    while i < bytes.len() {
        // Only ASCII bytes start a match, so `i` is a char boundary whenever we slice at it.
        let b = bytes[i];
        if i > 0 && bytes[i - 1].is_ascii_alphanumeric() {
            i += 1; // inside a word: nothing starts here (the fast path)
            continue;
        }
        if b.is_ascii_uppercase()
            && symbol_may_start(text, i)
            && let Some((symbol, end)) = parse_symbol(text, i)
        {
            found.push(symbol);
            i = end;
            continue;
        }
        if matches!(b, b'r' | b'R' | b'd' | b'D') {
            let keyword = keyword_at(text, i)
                .filter(|_| !prev_char(text, i).is_some_and(char::is_alphanumeric));
            if let Some((kind, after_keyword)) = keyword {
                let mut organ = organ_before(text, i);
                if let (Organ::Unknown, Some((o, end))) = (organ, carried)
                    && i - end <= CARRY_DISTANCE
                {
                    organ = o;
                }
                // "Human Rights Council decision 18/120 of 30 September 2011 and resolutions
                // 24/14 …": the organ named goes on over a conjunction.
                if let (Organ::Unknown, Some((o, end))) = (organ, followed)
                    && is_conjunction(&text[end..i])
                {
                    organ = o;
                }
                let (refs, end) = ref_list(text, after_keyword, kind);
                carried = (refs.is_empty() && organ != Organ::Unknown).then_some((organ, end));
                if organ == Organ::Unknown {
                    // French names the organ after: "résolution 52/3 du Conseil des droits de l'homme".
                    organ = organ_after(text, end);
                }
                followed = (!refs.is_empty()
                    && matches!(
                        organ,
                        Organ::HumanRightsCouncil | Organ::EconomicAndSocialCouncil
                    ))
                .then_some((organ, end));
                let symbols: Vec<Option<String>> =
                    refs.iter().map(|r| r.accept(organ, body)).collect();
                // With no organ named, one number that cannot be the Assembly's ("resolutions
                // 28/6 …, 37/5 and 46/12", the Human Rights Council's) says the list is not
                // the Assembly's: none of its session numbers is taken.
                let foreign_list = organ == Organ::Unknown
                    && refs
                        .iter()
                        .zip(&symbols)
                        .any(|(r, s)| matches!(r, Ref::Session { .. }) && s.is_none());
                for (r, symbol) in refs.iter().zip(symbols) {
                    if foreign_list && matches!(r, Ref::Session { .. }) {
                        continue;
                    }
                    if let Some(symbol) = symbol {
                        found.push(symbol);
                    }
                }
                i = end;
                continue;
            }
        }
        i += 1;
    }
}

/// Canonical form of a symbol typed by a user or found in text: upper-case, no spaces around
/// slashes, "S/RES/242(1967)" -> "S/RES/242 (1967)", "a/res/72/7" -> "A/RES/72/7". Returns None
/// if it does not look like a UN symbol.
///
/// The conventional suffix words keep their usual spelling (`Add.1`, `Rev.1`, `Corr.1`,
/// `Amend.1`, `Misc.1`, `Res.14`, `Dec.1`, `S/Agenda/…`), as the UN prints them. An undocs.org
/// link is accepted too.
pub fn normalize_symbol(s: &str) -> Option<String> {
    let mut t = s.trim();
    if let Some(p) = t.find("undocs.org/") {
        t = &t[p + "undocs.org/".len()..];
        if let Some((lang, rest)) = t.split_once('/')
            && lang.len() == 2
            && lang.bytes().all(|b| b.is_ascii_lowercase())
        {
            t = rest;
        }
    }
    let joined = t.split('/').map(str::trim).collect::<Vec<_>>().join("/");
    let upper = joined.to_ascii_uppercase();
    let (symbol, end) = parse_symbol(&upper, 0)?;
    upper[end..]
        .trim_end_matches('.')
        .is_empty()
        .then_some(symbol)
}

/// Whether `between` (the text between two references) only joins them: "and", ", and",
/// "as well as", "et".
fn is_conjunction(between: &str) -> bool {
    let words = between.trim().trim_start_matches(',').trim();
    matches!(words, "and" | "as well as" | "et" | "ainsi que")
}

/// How far (in bytes) a bare "X resolutions," passes its organ on to the next "resolution".
const CARRY_DISTANCE: usize = 40;

/// Suffix words of a symbol that OCR may split from their number: `Rev. 1`.
const SPLIT_SUFFIXES: [&str; 4] = ["ADD", "REV", "CORR", "AMEND"];

/// Segment words the UN prints in title case before a dot: `Add.1`, `UNEP/EA.5/Res.14`.
const TITLE_CASE: [&str; 7] = ["ADD", "REV", "CORR", "AMEND", "MISC", "RES", "DEC"];

fn prev_char(s: &str, i: usize) -> Option<char> {
    s[..i].chars().next_back()
}

// ---------------------------------------------------------------------------------------------
// Explicit symbols

/// Whether a symbol may start at `i`: at a word boundary, right after an undocs.org link, or
/// after the hyphen of a joint symbol (`A/71/982-S/2017/600`).
fn symbol_may_start(s: &str, i: usize) -> bool {
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
fn parse_symbol(s: &str, start: usize) -> Option<(String, usize)> {
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
    }
    Some((symbol, i))
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

// ---------------------------------------------------------------------------------------------
// In-text references: "resolution 72/7", "résolutions 1325 (2000) et 1820 (2008)"

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Resolution,
    Decision,
}

/// Who adopted the resolutions a keyword introduces, as far as the words around it tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Organ {
    /// Nothing said ("its resolution", "Recalling resolution"): the body decides.
    Unknown,
    GeneralAssembly,
    SecurityCouncil,
    /// "Human Rights Council resolution 52/3", "résolution 52/3 du Conseil des droits de
    /// l'homme": `A/HRC/RES/52/3`.
    HumanRightsCouncil,
    /// "Economic and Social Council resolution 2023/16", "ECOSOC resolution": `E/RES/2023/16`.
    EconomicAndSocialCouncil,
    /// Another organ, or a bare "the Council" in a General Assembly text (the Human Rights
    /// Council or ECOSOC): its references are left out.
    Other,
}

/// One reference after a keyword, before its organ is known.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Ref {
    /// `79/6`, `ES-10/19`, `52/3`, `2023/16`: session (or year) and number, the numbering of the
    /// General Assembly since 1976, of the Human Rights Council and of ECOSOC (by year).
    Session {
        series: &'static str,
        special: &'static str,
        session: String,
        number: String,
    },
    /// `1514 (XV)`: General Assembly numbering before 1976.
    Roman(String),
    /// `242 (1967)`: only the Security Council numbers resolutions this way.
    Year(String),
}

impl Ref {
    /// The symbol this reference names when `organ` adopted it, if that organ numbers its
    /// documents this way.
    fn accept(&self, organ: Organ, body: Body) -> Option<String> {
        match self {
            Ref::Year(s) => Some(s.clone()),
            Ref::Roman(s) => matches!(
                organ,
                Organ::Unknown | Organ::GeneralAssembly | Organ::SecurityCouncil
            )
            .then(|| s.clone()),
            Ref::Session {
                series,
                special,
                session,
                number,
            } => {
                let n: u32 = session.parse().ok()?;
                // With no organ named, a General Assembly text cites the Assembly's own.
                let assembly = organ == Organ::GeneralAssembly
                    || (organ == Organ::Unknown && body == Body::GeneralAssembly);
                let assembly_number = !special.is_empty() || (session.len() <= 3 && n >= 31);
                match organ {
                    _ if assembly && assembly_number => {
                        Some(format!("A/{series}/{special}{session}/{number}"))
                    }
                    // Sessions since 2006, special sessions `S-29/1`.
                    Organ::HumanRightsCouncil
                        if session.len() <= 2 && (special.is_empty() || *special == "S-") =>
                    {
                        Some(format!("A/HRC/{series}/{special}{session}/{number}"))
                    }
                    Organ::EconomicAndSocialCouncil if special.is_empty() && is_year(session) => {
                        Some(format!("E/{series}/{session}/{number}"))
                    }
                    _ => None,
                }
            }
        }
    }
}

/// A cursor over `s`; every method either consumes what it names or nothing.
#[derive(Clone, Copy)]
struct Cursor<'a> {
    s: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        &self.s[self.at..]
    }
    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }
    fn skip_ws(&mut self) -> bool {
        let rest = self.rest();
        let n = rest.len() - rest.trim_start().len();
        self.at += n;
        n > 0
    }
    fn eat(&mut self, lit: &str) -> bool {
        let found = self.rest().starts_with(lit);
        if found {
            self.at += lit.len();
        }
        found
    }
    /// `word`, as a whole word.
    fn word(&mut self, word: &str) -> bool {
        let save = *self;
        if self.eat(word) && self.at_word_end() {
            return true;
        }
        *self = save;
        false
    }
    fn eat_while(&mut self, f: impl Fn(char) -> bool) -> &'a str {
        let rest = self.rest();
        let n = rest.find(|c| !f(c)).unwrap_or(rest.len());
        self.at += n;
        &rest[..n]
    }
    fn digits(&mut self) -> &'a str {
        self.eat_while(|c| c.is_ascii_digit())
    }
    fn at_word_end(&self) -> bool {
        !self.peek().is_some_and(char::is_alphanumeric)
    }
}

/// "resolution(s)", "résolution(s)", "decision(s)", "décision(s)" at `i`, any capitalisation of
/// the first letter: the kind and the offset after the word.
fn keyword_at(s: &str, i: usize) -> Option<(Kind, usize)> {
    let b = &s.as_bytes()[i..];
    let (kind, tail) = match b.first()? {
        b'r' | b'R' => (Kind::Resolution, "solution"),
        _ => (Kind::Decision, "cision"),
    };
    let e_len = match b.get(1..3)? {
        [b'e' | b'E', _] => 1,
        [0xC3, 0xA9 | 0x89] => 2, // é, É
        _ => return None,
    };
    let mut at = 1 + e_len;
    if !b
        .get(at..at + tail.len())?
        .eq_ignore_ascii_case(tail.as_bytes())
    {
        return None;
    }
    at += tail.len();
    if matches!(b.get(at), Some(b's' | b'S')) {
        at += 1;
    }
    let c = Cursor { s, at: i + at };
    c.at_word_end().then_some((kind, i + at))
}

/// The references after a keyword, following lists ("70/1, 71/2 et 72/3", "661 (1990) of
/// 6 August 1990, 986 (1995) …"), and the offset after the last one.
fn ref_list(s: &str, at: usize, kind: Kind) -> (Vec<Ref>, usize) {
    let mut c = Cursor { s, at };
    c.skip_ws();
    let mut refs = Vec::new();
    let Some(first) = parse_ref(&mut c, kind) else {
        return (refs, at);
    };
    refs.push(first);
    loop {
        while skip_date(&mut c) || skip_locator(&mut c) {}
        let save = c;
        if !separator(&mut c) {
            break;
        }
        let next = parse_ref(&mut c, kind).or_else(|| {
            // A footnote number left in raw text: "of 29 September 2011,1 33/3".
            let digits = c.digits();
            (!digits.is_empty() && c.skip_ws())
                .then(|| parse_ref(&mut c, kind))
                .flatten()
        });
        match next {
            Some(r) => refs.push(r),
            None => {
                c = save;
                break;
            }
        }
    }
    (refs, c.at)
}

/// One reference: `72/7`, `ES-10/19`, `1514 (XV)`, `2200 A (XXI)`, `242 (1967)`.
fn parse_ref(c: &mut Cursor, kind: Kind) -> Option<Ref> {
    let start = *c;
    let r = parse_ref_inner(c, kind);
    if r.is_none() {
        *c = start;
    }
    r
}

fn parse_ref_inner(c: &mut Cursor, kind: Kind) -> Option<Ref> {
    let special = ["ES-", "S-"].into_iter().find(|p| c.eat(p)).unwrap_or("");
    let n = c.digits();
    if n.is_empty() || n.len() > 4 || n.starts_with('0') {
        return None;
    }
    if c.eat("/") {
        let m = c.digits();
        let ends = !c.peek().is_some_and(|x| x.is_alphanumeric() || x == '/');
        // The General Assembly's session numbering began at the 31st session (1976), the
        // Human Rights Council's at 1 (2006); ECOSOC numbers by year ("2006/46"). Which one
        // applies is for the organ to say (`Ref::accept`).
        if m.is_empty() || m.len() > 4 || m.starts_with('0') || !ends {
            return None;
        }
        if n.len() == 4 && !is_year(n) {
            return None;
        }
        skip_part_letter(c); // "77/263 A": the parts share the resolution's symbol
        let series = match kind {
            Kind::Resolution => "RES",
            Kind::Decision => "DEC",
        };
        return Some(Ref::Session {
            series,
            special,
            session: n.to_string(),
            number: m.to_string(),
        });
    }
    if !special.is_empty() || kind == Kind::Decision || !c.at_word_end() {
        return None;
    }
    let mut p = *c;
    p.skip_ws();
    let lettered = skip_part_letter(&mut p);
    p.skip_ws();
    if !p.eat("(") {
        return None;
    }
    let r = if p.peek().is_some_and(|x| x.is_ascii_digit()) {
        let year = year_in_parens_tail(&mut p)?;
        if lettered {
            return None;
        }
        Ref::Year(format!("S/RES/{n} ({year})"))
    } else {
        let session = roman_in_parens_tail(&mut p)?;
        Ref::Roman(format!("A/RES/{n} ({session})"))
    };
    *c = p;
    Some(r)
}

/// `1946` to `2099`: the years of the United Nations' documents.
fn is_year(s: &str) -> bool {
    s.len() == 4 && s.parse::<u32>().is_ok_and(|y| (1946..=2099).contains(&y))
}

/// After "(": a year 1946..=2099 and ")".
fn year_in_parens_tail<'a>(c: &mut Cursor<'a>) -> Option<&'a str> {
    let year = c.digits();
    (is_year(year) && c.eat(")")).then_some(year)
}

/// After "(": a roman session number, possibly special ("S-V", "ES-V"), and ")".
fn roman_in_parens_tail(c: &mut Cursor) -> Option<String> {
    let special = ["ES-", "S-"].into_iter().find(|p| c.eat(p)).unwrap_or("");
    let roman = c.eat_while(|x| matches!(x, 'I' | 'V' | 'X' | 'L'));
    (!roman.is_empty() && c.eat(")")).then(|| format!("{special}{roman}"))
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

/// The part letter of a resolution adopted in parts ("77/263 A", "2200 A (XXI)"); not the "A"
/// of a following symbol "A/…".
fn skip_part_letter(c: &mut Cursor) -> bool {
    let mut p = *c;
    p.skip_ws();
    let is_part = p.peek().is_some_and(|x| x.is_ascii_uppercase()) && {
        p.at += 1;
        p.at_word_end() && p.peek() != Some('/')
    };
    if is_part {
        *c = p;
    }
    is_part
}

/// " of 13 September 2004", " du 1er décembre 1960".
fn skip_date(c: &mut Cursor) -> bool {
    let mut p = *c;
    p.skip_ws();
    if !(p.word("of") || p.word("du")) {
        return false;
    }
    p.skip_ws();
    let day = p.digits();
    if day.is_empty() || day.len() > 2 {
        return false;
    }
    p.eat("er");
    let has_month = p.skip_ws() && !p.eat_while(char::is_alphabetic).is_empty();
    if !has_month || !p.skip_ws() || p.digits().len() != 4 {
        return false;
    }
    *c = p;
    true
}

/// ", para. 10", ", sect. C", ", annex": where in the resolution, not another one.
fn skip_locator(c: &mut Cursor) -> bool {
    let mut p = *c;
    if !p.eat(",") {
        return false;
    }
    p.skip_ws();
    if p.word("annex") {
        *c = p;
        return true;
    }
    if !(p.eat("paras.") || p.eat("para.") || p.eat("sect.")) {
        return false;
    }
    p.skip_ws();
    if p.eat_while(|x| x.is_ascii_alphanumeric()).is_empty() {
        return false;
    }
    *c = p;
    true
}

/// ",", ";", "and", "et", "or", "ou", or a comma followed by one of those.
fn separator(c: &mut Cursor) -> bool {
    c.skip_ws();
    let punct = c.eat(",") || c.eat(";");
    c.skip_ws();
    let conj = ["and", "et", "or", "ou"].into_iter().any(|w| c.word(w));
    c.skip_ws();
    punct || conj
}

/// The word just before `end`, separated from it by white space (and, with `commas`, by
/// commas), and where it starts.
fn word_before(s: &str, end: usize, commas: bool) -> Option<(usize, &str)> {
    let mut trimmed = s[..end].trim_end();
    if commas {
        trimmed = trimmed.trim_end_matches(',').trim_end();
    }
    if trimmed.len() == end {
        return None;
    }
    let start = trimmed
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(0, |(p, c)| p + c.len_utf8());
    (start < trimmed.len()).then(|| (start, &trimmed[start..]))
}

fn is_capitalised(w: &str) -> bool {
    w.starts_with(|c: char| c.is_uppercase())
}

/// Capitalised words that open a clause or a footnote rather than end an organ's name.
const OPENERS: [&str; 9] = [
    "See",
    "Also",
    "Further",
    "Recalls",
    "Reaffirms",
    "Welcomes",
    "Notes",
    "Decides",
    "Requests",
];

/// Lower-case words between an organ's name and the keyword: "the Human Rights Council, in
/// particular resolution", "the Council, including most recently resolution".
const FILLERS: [&str; 8] = [
    "including",
    "in",
    "particular",
    "notably",
    "most",
    "recently",
    "inter",
    "alia",
];

/// Last words of organs' names, for when a few words stand between the name and the keyword.
const ORGAN_ENDS: [&str; 15] = [
    "Assembly",
    "Council",
    "Commission",
    "Committee",
    "Conference",
    "Board",
    "Programme",
    "Parties",
    "Women",
    "Drugs",
    "Justice",
    "Africa",
    "Asia",
    "Caribbean",
    "Pacific",
];

/// English names the organ before the keyword: "General Assembly resolution", "Security Council
/// resolution", "Human Rights Council resolution", "ECOSOC resolution", and also "the Human
/// Rights Council, in its resolution" or "the Council, including resolution".
fn organ_before(s: &str, keyword: usize) -> Organ {
    let Some((start, w)) = word_before(s, keyword, false) else {
        return Organ::Unknown;
    };
    if is_capitalised(w) {
        return organ_named(s, start, w);
    }
    let mut at = start;
    if w == "its" {
        // Only "X in its resolution" / "X, by its resolution" name X as the author.
        match word_before(s, at, false) {
            Some((p, "in" | "by")) => at = p,
            _ => return Organ::Unknown,
        }
    } else if !FILLERS.contains(&w) {
        return Organ::Unknown;
    }
    for _ in 0..4 {
        match word_before(s, at, true) {
            Some((p, w)) if ORGAN_ENDS.contains(&w) => return organ_named(s, p, w),
            Some((p, w)) if FILLERS.contains(&w) => at = p,
            _ => break,
        }
    }
    Organ::Unknown
}

/// The organ whose name ends with the capitalised word `w` at `start`; a word that opens a
/// clause or a footnote ("Recalling resolution", "12 See resolution") names none.
fn organ_named(s: &str, start: usize, w: &str) -> Organ {
    let before = word_before(s, start, false).map(|(_, w)| w);
    match w {
        "Assembly" => match before {
            Some(x) if x != "General" && is_capitalised(x) => Organ::Other, // "Environment Assembly"
            _ => Organ::GeneralAssembly, // "General Assembly", "the Assembly"
        },
        "Council" if before == Some("Security") => Organ::SecurityCouncil,
        "Council" if before == Some("Social") => Organ::EconomicAndSocialCouncil,
        "Council"
            if before == Some("Rights")
                && word_before(s, start, false)
                    .and_then(|(p, _)| word_before(s, p, false))
                    .is_some_and(|(_, w)| w == "Human") =>
        {
            Organ::HumanRightsCouncil
        }
        "Council" => Organ::Other, // in a GA text a bare "Council" is the HRC or ECOSOC
        "ECOSOC" => Organ::EconomicAndSocialCouncil,
        _ => {
            let opens = s[..start]
                .trim_end()
                .chars()
                .next_back()
                .is_none_or(|c| c.is_ascii_digit() || ".;:([“\"‘'".contains(c));
            if opens || w.ends_with("ing") || OPENERS.contains(&w) {
                Organ::Unknown
            } else {
                Organ::Other
            }
        }
    }
}

/// First words of organs' names when they follow the reference.
const ORGANS_AFTER: [&str; 17] = [
    "Conseil",
    "Commission",
    "Comité",
    "Conférence",
    "Groupe",
    "Council",
    "Committee",
    "Conference",
    "Board",
    "Human",
    "Economic",
    "United",
    "Working",
    "Open",
    "Statistical",
    "Governing",
    "Executive",
];

/// French names the organ after the references: "résolution 52/3 du Conseil des droits de
/// l'homme", "résolution 72/7 de l'Assemblée générale"; English sometimes does too:
/// "resolution 9/8 of the Conference of the States Parties".
fn organ_after(s: &str, at: usize) -> Organ {
    let mut c = Cursor { s, at };
    c.skip_ws();
    let linked = c.word("du")
        || c.word("des")
        || c.eat("de la ")
        || c.eat("de l’")
        || c.eat("de l'")
        || (c.word("of") && c.skip_ws() && c.word("the"));
    if !linked {
        return Organ::Unknown;
    }
    c.skip_ws();
    let w = c.eat_while(char::is_alphabetic);
    c.skip_ws();
    match w {
        "Assembly" => Organ::GeneralAssembly,
        "General" if c.word("Assembly") => Organ::GeneralAssembly,
        "Assemblée" if c.word("générale") => Organ::GeneralAssembly,
        "Assemblée" => Organ::Other, // "de l'Assemblée des Nations Unies pour l'environnement"
        "Human" if c.eat("Rights Council") => Organ::HumanRightsCouncil,
        "Economic" if c.eat("and Social Council") => Organ::EconomicAndSocialCouncil,
        "Conseil" if c.eat("des droits de l’homme") || c.eat("des droits de l'homme") => {
            Organ::HumanRightsCouncil
        }
        "Conseil" if c.eat("économique et social") => Organ::EconomicAndSocialCouncil,
        _ if ORGANS_AFTER.contains(&w) => Organ::Other,
        _ => Organ::Unknown, // "of 29 June 2023 of the Independent Institution …"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GA: Body = Body::GeneralAssembly;
    const SC: Body = Body::SecurityCouncil;

    fn ga(text: &str) -> Vec<String> {
        cites_in(text, GA)
    }

    fn sc(text: &str) -> Vec<String> {
        cites_in(text, SC)
    }

    #[test]
    fn explicit_symbols_of_many_organs_are_found() {
        for s in [
            "S/2007/279",
            "A/80/547",
            "A/RES/60/288",
            "A/HRC/RES/52/3",
            "E/CN.4/2005/L.10",
            "A/C.3/79/L.5",
            "A/79/L.8",
            "E/2024/56",
            "S/PRST/2020/1",
            "A/CONF.231/3",
            "ST/SGB/2003/13",
            "CCPR/C/GC/36",
            "A/HRC/43/L.1",
            "DP/2020/1",
            "UNEP/EA.5/Res.14",
            "A/75/L.72/Add.1",
            "S/2020/1/Rev.1/Corr.1",
            "A/RES/ES-10/19",
            "A/RES/S-27/2",
        ] {
            assert_eq!(ga(&format!("See {s} and more")), vec![s], "{s}");
        }
    }

    #[test]
    fn footnote_of_the_founding_text_gives_both_letters() {
        assert_eq!(
            ga(" 1  S/2007/279 et S/2007/280. "),
            ["S/2007/279", "S/2007/280"]
        );
    }

    #[test]
    fn trailing_punctuation_is_not_swallowed() {
        assert_eq!(
            ga("Report of the Secretary-General (A/79/613, para. 15)"),
            ["A/79/613"]
        );
        assert_eq!(
            ga("Official Records, Supplement No. 1 (A/79/1)."),
            ["A/79/1"]
        );
        assert_eq!(ga("see S/2007/280."), ["S/2007/280"]);
    }

    #[test]
    fn joint_symbols_are_split() {
        assert_eq!(
            ga(" 3  A/71/982-S/2017/600, annexe. "),
            ["A/71/982", "S/2017/600"]
        );
        assert_eq!(ga("A/71/982–S/2017/600"), ["A/71/982", "S/2017/600"]);
    }

    #[test]
    fn ocr_space_after_rev_is_dropped() {
        assert_eq!(
            sc("Having considered the item entitled S/Agenda/2329/Rev. 1 on its agenda"),
            ["S/Agenda/2329/Rev.1"]
        );
    }

    #[test]
    fn undocs_links_give_their_symbol() {
        assert_eq!(ga("https://undocs.org/fr/A/RES/72/7"), ["A/RES/72/7"]);
        assert_eq!(
            ga("https://undocs.org/en/A/75/L.72/Add.1"),
            ["A/75/L.72/Add.1"]
        );
        assert_eq!(ga("https://undocs.org/A/RES/79/6"), ["A/RES/79/6"]);
        assert_eq!(ga("undocs.org/S/RES/2334(2016)"), ["S/RES/2334 (2016)"]);
    }

    #[test]
    fn explicit_security_council_resolutions_get_a_space_before_the_year() {
        assert_eq!(
            sc("United Nations S/RES/1454 (2002)"),
            ["S/RES/1454 (2002)"]
        );
        assert_eq!(sc("S/RES/242(1967)"), ["S/RES/242 (1967)"]);
    }

    #[test]
    fn dates_fractions_and_lowercase_slashes_are_not_symbols() {
        assert!(ga("for the biennium 2024/25 and the period 2023/24").is_empty());
        assert!(ga("public and/or private, w/o delay, 3/4 of members").is_empty());
        assert!(ga("HIV/AIDS and the ODA/GNI target").is_empty());
        assert!(ga("in accordance with decision 2/CP.23 of the Conference").is_empty());
    }

    #[test]
    fn in_text_ga_resolution_is_normalised_to_a_res() {
        assert_eq!(
            ga("Rappelant sa résolution 72/7 du 17 novembre 2017,"),
            ["A/RES/72/7"]
        );
        assert_eq!(ga(" 2  Résolution 60/288. "), ["A/RES/60/288"]);
        assert_eq!(
            ga("Recalling its resolution 58/318 of 13 September 2004"),
            ["A/RES/58/318"]
        );
        assert_eq!(ga("Recalling its resolution 79/6,"), ["A/RES/79/6"]);
    }

    #[test]
    fn bare_slash_references_are_not_read_as_ga_in_security_council_texts() {
        assert!(sc("Recalling its resolution 79/6,").is_empty());
        assert_eq!(
            sc("Recalling General Assembly resolution 60/251,"),
            ["A/RES/60/251"]
        );
    }

    #[test]
    fn ga_decisions_become_a_dec() {
        assert_eq!(
            ga(
                "Recalling its resolution 76/307 of 8 September 2022 and its decision 77/568 of 1 September 2023"
            ),
            ["A/RES/76/307", "A/DEC/77/568"]
        );
        assert_eq!(ga("decision 78/546"), ["A/DEC/78/546"]);
    }

    #[test]
    fn lists_after_resolutions_are_followed() {
        assert_eq!(
            ga(
                "Recalling its resolutions 62/208 of 19 December 2007, 67/226 of 21 December 2012 and 71/243 of 21 December 2016,"
            ),
            ["A/RES/62/208", "A/RES/67/226", "A/RES/71/243"]
        );
        assert_eq!(
            ga("ses résolutions 70/1, 71/2 et 72/3"),
            ["A/RES/70/1", "A/RES/71/2", "A/RES/72/3"]
        );
        assert_eq!(
            ga("resolutions 77/1 and 78/2"),
            ["A/RES/77/1", "A/RES/78/2"]
        );
    }

    #[test]
    fn lists_skip_paragraph_references_and_footnote_numbers() {
        assert_eq!(
            ga("resolutions 32/151, para. 10, and 37/111, para. 5, and all subsequent resolutions"),
            ["A/RES/32/151", "A/RES/37/111"]
        );
        assert_eq!(
            ga("resolutions 51/37 of 10 December 1996,1 54/44 of 1 December 1999"),
            ["A/RES/51/37", "A/RES/54/44"]
        );
    }

    #[test]
    fn roman_session_resolutions_are_general_assembly_ones() {
        assert_eq!(
            ga("Recalling its resolution 1514 (XV) of 14 December 1960, containing the"),
            ["A/RES/1514 (XV)"]
        );
        assert_eq!(
            ga("Rappelant ses résolutions 1514 (XV) du 14 décembre 1960"),
            ["A/RES/1514 (XV)"]
        );
        assert_eq!(
            sc("in accordance with General Assembly resolution 1514 (XV)"),
            ["A/RES/1514 (XV)"]
        );
        assert_eq!(ga("Resolution 2200 A (XXI), annex."), ["A/RES/2200 (XXI)"]);
        assert_eq!(
            sc("the earlier General Assembly resolutions 2253 (ES-V) and 2254 (ES-V)"),
            ["A/RES/2253 (ES-V)", "A/RES/2254 (ES-V)"]
        );
    }

    #[test]
    fn number_with_year_is_a_security_council_resolution_in_either_body() {
        assert_eq!(
            ga("Recalling Security Council resolution 1540 (2004)"),
            ["S/RES/1540 (2004)"]
        );
        assert_eq!(
            ga("résolution 2532 (2020) du Conseil de sécurité"),
            ["S/RES/2532 (2020)"]
        );
        assert_eq!(
            sc("implementation of Security Council resolution 242 (1967) in all of its parts;"),
            ["S/RES/242 (1967)"]
        );
        assert_eq!(
            ga("resolutions 1325 (2000) and 1820 (2008)"),
            ["S/RES/1325 (2000)", "S/RES/1820 (2008)"]
        );
    }

    #[test]
    fn security_council_lists_with_dates_are_followed() {
        assert_eq!(
            sc(
                "Recalling its previous relevant resolutions, including resolution 661 (1990) of\n6 August 1990, 986 (1995) of 14 April 1995, 1284 (1999) of 17 December 1999,"
            ),
            ["S/RES/661 (1990)", "S/RES/986 (1995)", "S/RES/1284 (1999)"]
        );
        assert_eq!(
            sc(
                "mentation of Security Council resolutions 186 (1964) of\n4 March 1964, 187 (1964) of 13 March 1964"
            ),
            ["S/RES/186 (1964)", "S/RES/187 (1964)"]
        );
    }

    #[test]
    fn other_organs_resolutions_are_not_read_as_general_assembly_ones() {
        assert!(ga("United Nations Environment Assembly resolution 5/14").is_empty());
        assert!(ga("endorsed by the Board in its resolution 72/7,").is_empty());
        assert_eq!(
            ga("Rappelant la résolution 72/7 de l’Assemblée générale"),
            ["A/RES/72/7"]
        );
    }

    #[test]
    fn human_rights_council_and_ecosoc_references_get_their_symbols() {
        assert_eq!(
            ga("with Human Rights Council resolution 51/4, and encourages"),
            ["A/HRC/RES/51/4"]
        );
        assert_eq!(
            ga("welcomes the adoption of Economic and Social Council resolution 2023/16 of"),
            ["E/RES/2023/16"]
        );
        assert_eq!(
            ga(
                "Recalling Human Rights Council resolutions, in particular resolutions 52/3 and 53/1"
            ),
            ["A/HRC/RES/52/3", "A/HRC/RES/53/1"]
        );
        assert_eq!(
            ga("Rappelant la résolution 52/3 du Conseil des droits de l’homme"),
            ["A/HRC/RES/52/3"]
        );
        assert_eq!(
            ga("Rappelant la résolution 2023/16 du Conseil économique et social"),
            ["E/RES/2023/16"]
        );
        assert_eq!(
            ga("ECOSOC decision 2022/334 and Human Rights Council decision S-30/101"),
            ["E/DEC/2022/334", "A/HRC/DEC/S-30/101"]
        );
        // An ECOSOC number is a year; a Council session is small.
        assert!(ga("Economic and Social Council resolution 75/1").is_empty());
        assert!(ga("Human Rights Council resolution 2023/16").is_empty());
        // The organ named goes on over "and", not past other words.
        assert_eq!(
            ga(
                "Human Rights Council decision 18/120 of 30 September 2011 and resolutions 24/14 of 27 September 2013 and 36/10 of 28 September 2017,"
            ),
            ["A/HRC/DEC/18/120", "A/HRC/RES/24/14", "A/HRC/RES/36/10"]
        );
        // With no organ named, a list holding a number the Assembly cannot have is not the
        // Assembly's: no A/RES/37/5 nor A/RES/46/12 from it.
        assert!(ga(
            "on persons with albinism, as well as resolutions 28/6 of 26 March 2015, 37/5 of 22 March 2018 and 46/12 of 23 March 2021 pertaining to"
        )
        .is_empty());
        assert_eq!(
            ga("as well as resolutions 37/5 of 22 March 2018 and 46/12 of 23 March 2021"),
            ["A/RES/37/5", "A/RES/46/12"]
        );
        // A bare "the Council" in an Assembly text may be either: left out.
        assert!(
            ga("protection of human rights, including most recently Council resolution 51/31 of")
                .is_empty()
        );
    }

    #[test]
    fn an_organ_named_before_in_its_or_including_is_the_author() {
        assert_eq!(
            ga("as established by the Human Rights Council in its resolution 39/2, is"),
            ["A/HRC/RES/39/2"]
        );
        assert_eq!(
            ga("on the Human Rights Council, including resolutions 36/6 of 28 September 2017,"),
            ["A/HRC/RES/36/6"]
        );
        assert_eq!(
            ga(
                "the Comprehensive Nuclear-Test-Ban Treaty in its resolution 50/245 of 10 September 1996,"
            ),
            ["A/RES/50/245"]
        );
        assert_eq!(
            ga(
                "the United Nations and the African Union, in particular resolutions 55/218 of 21 December 2000,"
            ),
            ["A/RES/55/218"]
        );
        assert_eq!(
            ga("Commission by the General Assembly, in its decision 52/492 of 8 September 1998,"),
            ["A/DEC/52/492"]
        );
    }

    #[test]
    fn a_date_then_a_name_after_a_reference_does_not_make_it_another_organs() {
        assert_eq!(
            ga(
                "the establishment by the General Assembly in its resolution 77/301 of 29 June 2023 of the Independent Institution on Missing Persons"
            ),
            ["A/RES/77/301"]
        );
    }

    #[test]
    fn a_clause_opening_verb_is_not_an_organ_name() {
        assert_eq!(
            ga("free of nuclear weapons, Recalling resolution 75/312 of 29 July 2021, in which"),
            ["A/RES/75/312"]
        );
        assert_eq!(ga("12 See resolution 70/1."), ["A/RES/70/1"]);
    }

    #[test]
    fn convention_decisions_with_roman_numerals_are_not_symbols() {
        assert_eq!(
            ga("document UNEP/CBD/BS/COP-MOP/5/17, annex, decision BS-V/11 and decision VII/5,"),
            ["UNEP/CBD/BS/COP-MOP/5/17"]
        );
    }

    #[test]
    fn founding_text_cites_its_eight_documents() {
        let text = include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/corpus/A_RES_75_272.txt"
        ));
        assert_eq!(
            cites_in(text, GA),
            [
                "A/RES/72/7",
                "S/2007/279",
                "S/2007/280",
                "A/75/L.72",
                "A/75/L.72/Add.1",
                "A/RES/60/288",
                "A/71/982",
                "S/2017/600",
            ]
        );
    }

    #[test]
    fn cites_keep_order_of_first_appearance_without_duplicates() {
        assert_eq!(
            ga(
                "Recalling resolution 72/7 and S/2007/279, and again its resolution 72/7 and A/RES/72/7"
            ),
            ["A/RES/72/7", "S/2007/279"]
        );
    }

    #[test]
    fn extend_cites_merges_footnote_cites_after_text_cites() {
        let mut cites = cites_in("Rappelant sa résolution 72/7 du 17 novembre 2017,", GA);
        extend_cites(&mut cites, "Résolution 72/7.", GA);
        extend_cites(&mut cites, "S/2007/279 et S/2007/280.", GA);
        assert_eq!(cites, ["A/RES/72/7", "S/2007/279", "S/2007/280"]);
    }

    #[test]
    fn normalize_symbol_canonicalises_user_input() {
        assert_eq!(
            normalize_symbol("S/RES/242(1967)").as_deref(),
            Some("S/RES/242 (1967)")
        );
        assert_eq!(
            normalize_symbol("s/res/242 (1967)").as_deref(),
            Some("S/RES/242 (1967)")
        );
        assert_eq!(
            normalize_symbol("a/res/72/7").as_deref(),
            Some("A/RES/72/7")
        );
        assert_eq!(
            normalize_symbol(" A / RES / 72 / 7 ").as_deref(),
            Some("A/RES/72/7")
        );
        assert_eq!(
            normalize_symbol("a/75/l.72/add.1").as_deref(),
            Some("A/75/L.72/Add.1")
        );
        assert_eq!(
            normalize_symbol("a/res/1514(xv)").as_deref(),
            Some("A/RES/1514 (XV)")
        );
        assert_eq!(
            normalize_symbol("unep/ea.5/res.14").as_deref(),
            Some("UNEP/EA.5/Res.14")
        );
        assert_eq!(
            normalize_symbol("S/Agenda/2329/Rev. 1").as_deref(),
            Some("S/Agenda/2329/Rev.1")
        );
        assert_eq!(
            normalize_symbol("https://undocs.org/fr/A/RES/72/7").as_deref(),
            Some("A/RES/72/7")
        );
    }

    #[test]
    fn normalize_symbol_rejects_what_is_not_a_symbol() {
        for s in [
            "",
            "72/7",
            "resolution 72/7",
            "HIV/AIDS",
            "2023/24",
            "A/RES/72/7 and more",
        ] {
            assert_eq!(normalize_symbol(s), None, "{s}");
        }
    }
}
