//! In-text references: "resolution 72/7", "résolutions 1325 (2000) et 1820 (2008)", "decision
//! 77/568": the keyword, the list of numbers after it, and the symbol each number names once
//! the organ that adopted it is known ([`super::organ`]).

use super::Cursor;
use super::organ::Organ;
use crate::model::Body;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Resolution,
    Decision,
}

/// One reference after a keyword, before its organ is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Ref {
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
    pub(super) fn accept(&self, organ: Organ, body: Body) -> Option<String> {
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
                    // ECOSOC numbers by year; so does a bare "Council" whose number is a year:
                    // of the Councils, only ECOSOC numbers that way.
                    Organ::EconomicAndSocialCouncil | Organ::BareCouncil
                        if special.is_empty() && is_year(session) =>
                    {
                        Some(format!("E/{series}/{session}/{number}"))
                    }
                    // With no organ named, an ECOSOC text cites the Council's own.
                    Organ::Unknown
                        if body == Body::EconomicAndSocialCouncil
                            && special.is_empty()
                            && is_year(session) =>
                    {
                        Some(format!("E/{series}/{session}/{number}"))
                    }
                    // The Commission on Human Rights (until 2006) numbered by year too.
                    Organ::CommissionOnHumanRights if special.is_empty() && is_year(session) => {
                        Some(format!("E/CN.4/{series}/{session}/{number}"))
                    }
                    // ESCAP numbers its resolutions by session: `E/ESCAP/RES/72/7`.
                    Organ::Escap
                        if special.is_empty() && session.len() <= 2 && *series == "RES" =>
                    {
                        Some(format!("E/ESCAP/RES/{session}/{number}"))
                    }
                    // The Environment Assembly (since 2014) by session: `UNEP/EA.5/Res.14`.
                    Organ::EnvironmentAssembly
                        if special.is_empty() && session.len() <= 2 && *series == "RES" =>
                    {
                        Some(format!("UNEP/EA.{session}/Res.{number}"))
                    }
                    _ => None,
                }
            }
        }
    }
}

/// "resolution(s)", "résolution(s)", "decision(s)", "décision(s)" at `i`, any capitalisation of
/// the first letter: the kind and the offset after the word.
pub(super) fn keyword_at(s: &str, i: usize) -> Option<(Kind, usize)> {
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
pub(super) fn ref_list(s: &str, at: usize, kind: Kind) -> (Vec<Ref>, usize) {
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
pub(super) fn is_year(s: &str) -> bool {
    s.len() == 4 && s.parse::<u32>().is_ok_and(|y| (1946..=2099).contains(&y))
}

/// After "(": a year 1946..=2099 and ")".
pub(super) fn year_in_parens_tail<'a>(c: &mut Cursor<'a>) -> Option<&'a str> {
    let year = c.digits();
    (is_year(year) && c.eat(")")).then_some(year)
}

/// After "(": a roman session number, possibly special ("S-V", "ES-V"), and ")".
pub(super) fn roman_in_parens_tail(c: &mut Cursor) -> Option<String> {
    let special = ["ES-", "S-"].into_iter().find(|p| c.eat(p)).unwrap_or("");
    let roman = c.eat_while(|x| matches!(x, 'I' | 'V' | 'X' | 'L'));
    (!roman.is_empty() && c.eat(")")).then(|| format!("{special}{roman}"))
}

/// The part letter of a resolution adopted in parts ("77/263 A", "2200 A (XXI)"); not the "A"
/// of a following symbol "A/…".
pub(super) fn skip_part_letter(c: &mut Cursor) -> bool {
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
