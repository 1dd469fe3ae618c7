//! Who adopted what an in-text reference names, from the words around it: "General Assembly
//! resolution", "the Human Rights Council, in its resolution", "the Economic and Social
//! Commission for Asia and the Pacific at its seventy-second session, of resolution", "le
//! Conseil des droits de l'homme, dans sa résolution", "résolution 52/3 du Conseil des droits
//! de l'homme".

use super::Cursor;

/// Who adopted the resolutions a keyword introduces, as far as the words around it tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Organ {
    /// Nothing said ("its resolution", "Recalling resolution"): the body decides.
    Unknown,
    GeneralAssembly,
    SecurityCouncil,
    /// "Human Rights Council resolution 52/3", "résolution 52/3 du Conseil des droits de
    /// l'homme": `A/HRC/RES/52/3`.
    HumanRightsCouncil,
    /// "Economic and Social Council resolution 2023/16", "ECOSOC resolution": `E/RES/2023/16`.
    EconomicAndSocialCouncil,
    /// The Economic and Social Commission for Asia and the Pacific: `E/ESCAP/RES/72/7`.
    Escap,
    /// The Commission on Human Rights (1946–2006): `E/CN.4/RES/2005/69`.
    CommissionOnHumanRights,
    /// The United Nations Environment Assembly: `UNEP/EA.5/Res.14`.
    EnvironmentAssembly,
    /// A bare "the Council" in a General Assembly text: the Human Rights Council or ECOSOC,
    /// told apart only by a number that is a year (ECOSOC's).
    BareCouncil,
    /// Another organ (a regional commission, a functional commission, a governing council, a
    /// conference of parties…), whose resolutions have no symbol series to cite them by: its
    /// references are left out.
    Other,
}

impl Organ {
    /// Whether the organ numbers its own resolutions in a series of its own, so that its name
    /// goes on over a conjunction ("Human Rights Council decision 18/120 and resolution 24/14").
    pub(super) fn has_own_series(self) -> bool {
        matches!(
            self,
            Organ::HumanRightsCouncil
                | Organ::EconomicAndSocialCouncil
                | Organ::Escap
                | Organ::CommissionOnHumanRights
                | Organ::EnvironmentAssembly
        )
    }
}

/// Organs known by their full names, in English and French, and their acronyms. Words are
/// compared without regard to case or to the apostrophe's form.
const NAMED: [(&str, Organ); 19] = [
    ("General Assembly", Organ::GeneralAssembly),
    ("Assemblée générale", Organ::GeneralAssembly),
    ("Security Council", Organ::SecurityCouncil),
    ("Conseil de sécurité", Organ::SecurityCouncil),
    ("Human Rights Council", Organ::HumanRightsCouncil),
    ("Conseil des droits de l'homme", Organ::HumanRightsCouncil),
    (
        "Economic and Social Council",
        Organ::EconomicAndSocialCouncil,
    ),
    ("ECOSOC", Organ::EconomicAndSocialCouncil),
    (
        "Conseil économique et social",
        Organ::EconomicAndSocialCouncil,
    ),
    (
        "Economic and Social Commission for Asia and the Pacific",
        Organ::Escap,
    ),
    ("ESCAP", Organ::Escap),
    (
        "Commission économique et sociale pour l'Asie et le Pacifique",
        Organ::Escap,
    ),
    ("CESAP", Organ::Escap),
    ("Commission on Human Rights", Organ::CommissionOnHumanRights),
    (
        "Commission des droits de l'homme",
        Organ::CommissionOnHumanRights,
    ),
    (
        "United Nations Environment Assembly",
        Organ::EnvironmentAssembly,
    ),
    ("Environment Assembly", Organ::EnvironmentAssembly),
    (
        "Assemblée des Nations Unies pour l'environnement",
        Organ::EnvironmentAssembly,
    ),
    (
        "Assemblée des Nations Unies pour l’environnement",
        Organ::EnvironmentAssembly,
    ),
];

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

/// The nouns that head the name of a body adopting resolutions, in English and French: found
/// a few words back, they make the name an organ's ("the Commission for Social Development, in
/// its resolution", "la Commission de la condition de la femme, dans sa résolution").
const HEADS: [&str; 13] = [
    "Commission",
    "Committee",
    "Council",
    "Conference",
    "Board",
    "Assembly",
    "Subcommission",
    "Sub-Commission",
    "Conseil",
    "Comité",
    "Conférence",
    "Assemblée",
    "Sous-Commission",
];

/// Words that join the words of an organ's name: "Commission on the Status of Women",
/// "Conseil d'administration du Programme".
const NAME_LINKS: [&str; 17] = [
    "of", "the", "and", "on", "for", "de", "des", "du", "la", "le", "l'", "l’", "pour", "et",
    "sur", "d'", "d’",
];

/// Whether two words are the same, whatever their case or apostrophe.
fn same_word(a: &str, b: &str) -> bool {
    let fold = |c: char| if c == '’' { '\'' } else { c };
    a.chars()
        .map(fold)
        .flat_map(char::to_lowercase)
        .eq(b.chars().map(fold).flat_map(char::to_lowercase))
}

fn is_capitalised(w: &str) -> bool {
    w.starts_with(|c: char| c.is_uppercase())
}

/// Whether a character belongs to a word of a name: letters, inner hyphens and apostrophes
/// ("Nuclear-Test-Ban", "seventy-second", "l'homme").
fn is_name_char(c: char) -> bool {
    c.is_alphabetic() || matches!(c, '-' | '\'' | '’')
}

/// The words (and commas) before `end`, nearest first, with where each starts; stops at any
/// other character (a digit, a full stop, a bracket, a quote), which ends the phrase.
fn tokens_before(s: &str, end: usize, max: usize) -> Vec<(usize, &str)> {
    let mut tokens = Vec::new();
    let mut at = end;
    while tokens.len() < max {
        let trimmed = s[..at].trim_end();
        if trimmed.ends_with(',') {
            at = trimmed.len() - 1;
            tokens.push((at, ","));
            continue;
        }
        let start = trimmed
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_name_char(c))
            .last()
            .map(|(i, _)| i);
        match start {
            Some(start) if start < trimmed.len() => {
                tokens.push((start, &trimmed[start..]));
                at = start;
            }
            _ => break,
        }
    }
    tokens
}

/// The words after `at`, in order, up to a character that is not part of a name.
fn tokens_after(s: &str, at: usize, max: usize) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut c = Cursor { s, at };
    while tokens.len() < max {
        c.skip_ws();
        let word = c.eat_while(is_name_char);
        if word.is_empty() {
            break;
        }
        tokens.push(word);
    }
    tokens
}

/// The known organ whose name ends with the word at `i` of `tokens` (nearest first).
fn named_before(tokens: &[(usize, &str)], i: usize) -> Option<Organ> {
    NAMED.iter().find_map(|&(name, organ)| {
        let words = name.split(' ').rev();
        let n = name.split(' ').count();
        (tokens.len() >= i + n
            && words
                .zip(&tokens[i..i + n])
                .all(|(w, &(_, t))| same_word(w, t)))
        .then_some(organ)
    })
}

/// The known organ whose name the words `tokens` start with.
fn named_after(tokens: &[&str]) -> Option<Organ> {
    NAMED.iter().find_map(|&(name, organ)| {
        let n = name.split(' ').count();
        (tokens.len() >= n && name.split(' ').zip(tokens).all(|(w, t)| same_word(w, t)))
            .then_some(organ)
    })
}

/// The organ whose name ends with the word at `i` of `tokens` (nearest first): a known name,
/// or one with a complement ("the United Nations Environment Assembly of the United Nations
/// Environment Programme").
fn organ_ending(tokens: &[(usize, &str)], i: usize) -> Option<Organ> {
    if let Some(organ) = named_before(tokens, i) {
        return Some(organ);
    }
    // "X of the Y": the known X before a capitalised complement.
    let mut j = i;
    while j + 2 < tokens.len() && j < i + 8 {
        let w = tokens[j].1;
        if !(is_capitalised(w) || NAME_LINKS.contains(&w)) {
            break;
        }
        if w == "the"
            && tokens[j + 1].1 == "of"
            && let Some(organ) = named_before(tokens, j + 2)
        {
            return Some(organ);
        }
        j += 1;
    }
    None
}

/// Whether the words from `i` back are an organ's name headed by one of [`HEADS`]: capitalised
/// words and links, or, in `french`, any words ("Commission de la condition de la femme").
fn headed_by_organ(tokens: &[(usize, &str)], i: usize, french: bool) -> bool {
    for &(_, w) in tokens.iter().skip(i).take(10) {
        if HEADS.contains(&w) {
            return true;
        }
        if w == "," || !(french || is_capitalised(w) || NAME_LINKS.contains(&w)) {
            return false;
        }
    }
    false
}

/// Names the organ before the keyword at `keyword`: "General Assembly resolution", "Security
/// Council resolution", "ECOSOC resolution"; "the Human Rights Council, in its resolution",
/// "the Council, including resolution", "the Environment Assembly, as reflected in its
/// resolution"; "by the Economic and Social Commission for Asia and the Pacific at its
/// seventy-second session, of resolution"; "le Conseil des droits de l'homme, dans sa
/// résolution".
pub(super) fn organ_before(s: &str, keyword: usize) -> Organ {
    let tokens = tokens_before(s, keyword, 24);
    let word = |k: usize| tokens.get(k).map(|&(_, w)| w);
    let Some(&(start, w)) = tokens.first() else {
        return Organ::Unknown;
    };
    if w == "," {
        return Organ::Unknown;
    }
    if let Some(organ) = named_before(&tokens, 0) {
        return organ;
    }
    if is_capitalised(w) {
        return organ_named(s, &tokens, start, w);
    }
    let mut i;
    let mut needs_session = false;
    match w {
        "its" | "sa" | "ses" => {
            // Only "X in its resolution", "X, by its resolution", "X, dans sa résolution" name
            // X as the author.
            if !matches!(word(1), Some("in" | "by" | "dans" | "par")) {
                return Organ::Unknown;
            }
            i = 2;
            // "as reflected in its", "as set out in its".
            if word(i + 1) == Some("as") && word(i).is_some_and(|w| w.ends_with("ed")) {
                i += 2;
            } else if matches!(word(i), Some("out" | "forth"))
                && word(i + 1) == Some("set")
                && word(i + 2) == Some("as")
            {
                i += 3;
            }
        }
        _ if FILLERS.contains(&w) => {
            i = 0;
            while word(i).is_some_and(|w| FILLERS.contains(&w) || w == ",") {
                i += 1;
            }
        }
        // "at its seventy-second session, of resolution 72/7"; "à sa soixante-douzième
        // session, de la résolution".
        "of" => {
            i = 1;
            needs_session = true;
        }
        "la" if word(1) == Some("de") => {
            i = 2;
            needs_session = true;
        }
        _ => return Organ::Unknown,
    }
    while word(i) == Some(",") {
        i += 1;
    }
    if let Some(after) = session_before(&tokens, i) {
        i = after;
        while word(i) == Some(",") {
            i += 1;
        }
    } else if needs_session {
        return Organ::Unknown;
    }
    // "the Council has, in its resolution"; "le Conseil a, dans sa résolution".
    if matches!(word(i), Some("has" | "a")) {
        i += 1;
    }
    let Some(&(start, w)) = tokens.get(i) else {
        return Organ::Unknown;
    };
    if let Some(organ) = organ_ending(&tokens, i) {
        return organ;
    }
    if ORGAN_ENDS.contains(&w) {
        return organ_named(s, &tokens[i..], start, w);
    }
    let french = matches!(tokens[0].1, "sa" | "ses" | "la");
    if headed_by_organ(&tokens, i, french) {
        return Organ::Other;
    }
    Organ::Unknown
}

/// "at its seventy-second session", "at its resumed fifth session", "à sa soixante-douzième
/// session", "lors de sa … session" ending at word `i` (nearest first): the index of the word
/// before it.
fn session_before(tokens: &[(usize, &str)], i: usize) -> Option<usize> {
    if tokens.get(i).map(|&(_, w)| w) != Some("session") {
        return None;
    }
    let mut j = i + 1;
    while j < i + 5 {
        match tokens.get(j).map(|&(_, w)| w) {
            Some("its" | "sa") => break,
            Some(w) if !is_capitalised(w) && w != "," => j += 1,
            _ => return None,
        }
    }
    if !matches!(tokens.get(j).map(|&(_, w)| w), Some("its" | "sa")) {
        return None;
    }
    match tokens.get(j + 1).map(|&(_, w)| w) {
        Some("at" | "à") => Some(j + 2),
        Some("de") if tokens.get(j + 2).map(|&(_, w)| w) == Some("lors") => Some(j + 3),
        _ => None,
    }
}

/// The organ whose name ends with the capitalised word `w` at `start`, `tokens` being the words
/// from it back; a word that opens a clause or a footnote ("Recalling resolution", "12 See
/// resolution") names none.
fn organ_named(s: &str, tokens: &[(usize, &str)], start: usize, w: &str) -> Organ {
    if let Some(organ) = organ_ending(tokens, 0) {
        return organ;
    }
    let before = tokens.get(1).map(|&(_, w)| w).filter(|w| *w != ",");
    match w {
        "Assembly" => match before {
            Some(x) if is_capitalised(x) => Organ::Other, // "Health Assembly"
            _ => Organ::GeneralAssembly,                  // "the Assembly"
        },
        "Council" => match before {
            Some(x) if is_capitalised(x) => Organ::Other, // "Governing Council"
            _ => Organ::BareCouncil,
        },
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
/// l'homme", "résolution 72/7 de l'Assemblée générale", "résolution 72/7 de la Commission
/// économique et sociale pour l'Asie et le Pacifique"; English sometimes does too: "resolution
/// 9/8 of the Conference of the States Parties", "resolution 2005/69 of the Commission on Human
/// Rights".
pub(super) fn organ_after(s: &str, at: usize) -> Organ {
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
    if let Some(organ) = named_after(&tokens_after(s, c.at, 12)) {
        return organ;
    }
    c.skip_ws();
    let w = c.eat_while(char::is_alphabetic);
    match w {
        "Assembly" => Organ::GeneralAssembly,
        "Assemblée" => Organ::Other, // "de l'Assemblée mondiale de la Santé"
        _ if ORGANS_AFTER.contains(&w) => Organ::Other,
        _ => Organ::Unknown, // "of 29 June 2023 of the Independent Institution …"
    }
}
