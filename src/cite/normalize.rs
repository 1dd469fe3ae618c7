//! Symbols outside the scan of a clause's text: one typed by a user or read in a document's
//! heading, and the documents a cited symbol belongs to.
//!
//! [`normalize_symbol`] gives the canonical form of a symbol (the segmenter checks a document's
//! own symbol with it); [`read_cited`] reads a document however it is typed, as a symbol or as
//! a text writes a reference (queries, `show`, `cites` and `serve` read what users type with
//! it); [`base_symbols`] gives the documents a cited one is a part, addendum or corrigendum of,
//! which the index stores beside the cites, so that citing a part counts as citing the whole.

use super::cites_in;
use super::symbol::{self, parse_symbol};
use crate::model::Body;

/// Canonical form of a symbol typed by a user or found in text: upper-case, no spaces around
/// slashes, "S/RES/242(1967)" -> "S/RES/242 (1967)", "a/res/72/7" -> "A/RES/72/7",
/// "a/conf.157/24 (part i)" -> "A/CONF.157/24 (Part I)". Returns None if it does not look like
/// a UN symbol.
///
/// The conventional suffix words keep their usual spelling (`Add.1`, `Rev.1`, `Corr.1`,
/// `Amend.1`, `Misc.1`, `Res.14`, `Dec.1`, `S/Agenda/…`, `(Part I)`, `(Vol. II)`, `(Sect. 3)`),
/// as the UN prints them. An undocs.org link is accepted too.
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

/// The canonical symbol of a document as a user may type it: a symbol in any case and spacing
/// (`s/res/1325(2000)`, an undocs.org link), or a reference as a text writes one: `resolution
/// 1325 (2000)`, `res 1325 (2000)`, `1325 (2000)`, `72/7` (the Assembly's), `decision 77/568`,
/// `Human Rights Council resolution 52/3`. A bare number is a Security Council resolution
/// without its year (`1325`, `res 1325`: `S/RES/1325`). `None` for what names no document.
pub fn read_cited(typed: &str) -> Option<String> {
    let typed = typed.trim();
    if let Some(symbol) = normalize_symbol(typed) {
        return Some(symbol);
    }
    let bare_number = |s: &str| {
        (1..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) && !s.starts_with('0')
    };
    if bare_number(typed) {
        return Some(format!("S/RES/{typed}"));
    }
    let (first, rest) = typed
        .split_once(char::is_whitespace)
        .map_or((typed, ""), |(first, rest)| (first, rest.trim()));
    let keyword = match first.trim_end_matches('.').to_lowercase().as_str() {
        "resolution" | "résolution" | "resolutions" | "résolutions" | "res" => Some("resolution"),
        "decision" | "décision" | "dec" => Some("decision"),
        _ => None,
    };
    let text = match keyword {
        Some("resolution") if bare_number(rest) => return Some(format!("S/RES/{rest}")),
        Some(keyword) => format!("{keyword} {rest}"),
        None => {
            let lower = typed.to_lowercase();
            if ["resolution", "résolution", "decision", "décision"]
                .iter()
                .any(|k| lower.contains(k))
            {
                typed.to_string()
            } else {
                format!("resolution {typed}")
            }
        }
    };
    match cites_in(&text, Body::GeneralAssembly).as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// The documents a cited symbol belongs to, nearest first: `S/10896/Corr.1` is a corrigendum
/// of `S/10896`, `A/CONF.157/24 (Part I)` a part of `A/CONF.157/24`, `A/75/L.72/Add.1/Corr.1`
/// a corrigendum of `A/75/L.72/Add.1`, itself an addendum of `A/75/L.72`; `S/RES/1325 (2000)`
/// is what a user means by `S/RES/1325`. Empty for a symbol that stands alone (`A/RES/72/7`).
/// `symbol` is canonical ([`normalize_symbol`]).
pub fn base_symbols(symbol: &str) -> Vec<String> {
    let mut bases = Vec::new();
    let mut current = symbol;
    loop {
        let parent = if let Some(open) = current.rfind(" (")
            && current.ends_with(')')
            && !current[open..].contains('/')
        {
            // `(Part I)`, `(Vol. II)`, `(Sect. 3)`; the year of `S/RES/242 (1967)`, the
            // session of `A/RES/1514 (XV)`.
            &current[..open]
        } else if let Some(slash) = current.rfind('/')
            && symbol::is_companion_segment(&current[slash + 1..])
        {
            &current[..slash]
        } else {
            break;
        };
        bases.push(parent.to_string());
        current = parent;
    }
    bases
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn a_document_is_read_however_a_user_types_it() {
        for (typed, symbol) in [
            ("S/RES/1325 (2000)", "S/RES/1325 (2000)"),
            ("s/res/1325(2000)", "S/RES/1325 (2000)"),
            ("1325 (2000)", "S/RES/1325 (2000)"),
            ("res 1325 (2000)", "S/RES/1325 (2000)"),
            ("Res. 1325 (2000)", "S/RES/1325 (2000)"),
            ("resolution 1325 (2000)", "S/RES/1325 (2000)"),
            ("S/RES/1325", "S/RES/1325"),
            ("1325", "S/RES/1325"),
            ("res 1325", "S/RES/1325"),
            ("72/7", "A/RES/72/7"),
            ("résolution 72/7", "A/RES/72/7"),
            ("decision 77/568", "A/DEC/77/568"),
            ("1514 (XV)", "A/RES/1514 (XV)"),
            ("Human Rights Council resolution 52/3", "A/HRC/RES/52/3"),
            ("ESCAP resolution 72/7", "E/ESCAP/RES/72/7"),
            ("A/CONF.157/24", "A/CONF.157/24"),
            ("https://undocs.org/en/A/RES/79/6", "A/RES/79/6"),
        ] {
            assert_eq!(read_cited(typed).as_deref(), Some(symbol), "{typed}");
        }
        for nothing in ["", "peace", "resolution", "72/7 and 72/8", "0123"] {
            assert_eq!(read_cited(nothing), None, "{nothing}");
        }
    }

    #[test]
    fn a_cited_symbol_knows_the_documents_it_belongs_to() {
        assert_eq!(base_symbols("S/10896/Corr.1"), ["S/10896"]);
        assert_eq!(base_symbols("A/CONF.157/24 (Part I)"), ["A/CONF.157/24"]);
        assert_eq!(
            base_symbols("A/75/L.72/Add.1/Corr.1"),
            ["A/75/L.72/Add.1", "A/75/L.72"]
        );
        assert_eq!(
            base_symbols("A/78/6 (Sect. 3)/Corr.1"),
            ["A/78/6 (Sect. 3)", "A/78/6"]
        );
        assert_eq!(base_symbols("S/RES/1325 (2000)"), ["S/RES/1325"]);
        assert_eq!(base_symbols("A/RES/1514 (XV)"), ["A/RES/1514"]);
        for alone in ["A/RES/72/7", "UNEP/EA.5/Res.14", "S/2007/279", "A/75/L.72"] {
            assert!(base_symbols(alone).is_empty(), "{alone}");
        }
    }
}
