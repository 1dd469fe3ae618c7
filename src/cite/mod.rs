//! Finding the UN document symbols a clause cites.
//!
//! A clause points to other documents in three ways: explicit symbols (`S/2007/279`,
//! `A/71/982-S/2017/600`, `https://undocs.org/fr/A/RES/72/7`, `S/10896 and Corr.1 and Add.1`,
//! `A/CONF.157/24 (Part I)`), in-text references to resolutions and decisions (`sa résolution
//! 72/7`, `resolutions 1325 (2000) and 1820 (2008)`, `Economic and Social Commission for Asia and
//! the Pacific resolution 72/7`), and the same in its footnotes. Every one is turned into the
//! canonical symbol a user would search for (`A/RES/72/7`, `S/RES/1325 (2000)`,
//! `E/ESCAP/RES/72/7`), so that "which clauses cite X" is one term query in the index; a
//! reference whose symbol cannot be told (another organ's resolution without a known series,
//! an organ left unclear) is left out rather than guessed.
//!
//! One file a part of the reading: `symbol` (explicit symbols, their part and volume
//! qualifiers and the addenda and corrigenda joined to them), `reference` (in-text references
//! and lists of them) and `organ` (who adopted what a reference names, from the words around
//! it). This runs on every clause of corpora of about a million clauses, so it is a single
//! pass of a small hand-written scanner over the text: no regex, no allocation except for what
//! is found.
//!
//! Symbols read elsewhere than in a clause (typed by users, in a document's heading) and the
//! documents a symbol belongs to are in `normalize`.

mod normalize;
mod organ;
mod reference;
mod symbol;

use std::collections::HashSet;

use crate::model::Body;
use organ::{Organ, organ_after, organ_before};
use reference::{Ref, keyword_at, ref_list};
use symbol::{companions, parse_symbol, symbol_may_start};

pub use normalize::{base_symbols, normalize_symbol, read_cited};

/// Symbols cited in `text`, in order of first appearance, no duplicates, normalised.
/// `body` decides how bare in-text resolution references are read.
///
/// A bare "resolution 79/6" is a General Assembly resolution only in a General Assembly text;
/// "resolution 242 (1967)" is a Security Council one and "resolution 1514 (XV)" a General
/// Assembly one whatever the body.
pub fn cites_in(text: &str, body: Body) -> Vec<String> {
    let mut out = Vec::new();
    extend_cites(&mut out, text, body);
    out
}

/// Append to `out` the symbols of `text` not already in `out` (same rules); used to merge a
/// clause's text cites with its footnotes' cites. Linear in the symbols found and in `out`:
/// a set says what is already there.
pub fn extend_cites(out: &mut Vec<String>, text: &str, body: Body) {
    let mut out = Cites::new(out);
    let bytes = text.as_bytes();
    // The organ named by the last "X resolutions" that cited nothing, and where it ended, for
    // "Human Rights Council resolutions, in particular resolution 52/3".
    let mut carried: Option<(Organ, usize)> = None;
    // The organ other than the Assembly or the Security Council when the last references were
    // its own, and where they ended.
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
            // "S/10896 and Corr.1 and Add.1": the addenda and corrigenda named after it.
            let (joined, end) = companions(text, end, &symbol);
            out.push(symbol);
            for companion in joined {
                out.push(companion);
            }
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
                followed = (!refs.is_empty() && organ.has_own_series()).then_some((organ, end));
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
                        out.push(symbol);
                    }
                }
                i = end;
                continue;
            }
        }
        i += 1;
    }
}

/// Whether `between` (the text between two references) only joins them: "and", ", and",
/// "as well as", "et".
fn is_conjunction(between: &str) -> bool {
    let words = between.trim().trim_start_matches(',').trim();
    matches!(words, "and" | "as well as" | "et" | "ainsi que")
}

/// How far (in bytes) a bare "X resolutions," passes its organ on to the next "resolution".
const CARRY_DISTANCE: usize = 40;

/// The symbols cited so far, in order, and the set of them that keeps them unique.
struct Cites<'a> {
    list: &'a mut Vec<String>,
    seen: HashSet<String>,
}

impl<'a> Cites<'a> {
    fn new(list: &'a mut Vec<String>) -> Cites<'a> {
        let seen = list.iter().cloned().collect();
        Cites { list, seen }
    }

    /// Adds `symbol` unless it is already there.
    fn push(&mut self, symbol: String) {
        if !self.seen.contains(&symbol) {
            self.seen.insert(symbol.clone());
            self.list.push(symbol);
        }
    }
}

fn prev_char(s: &str, i: usize) -> Option<char> {
    s[..i].chars().next_back()
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
        assert!(ga("World Health Assembly resolution 72/8").is_empty());
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
    fn addenda_and_corrigenda_joined_by_and_are_each_cited() {
        assert_eq!(
            sc("(S/10896 and Corr.1 and Add.1)"),
            ["S/10896", "S/10896/Corr.1", "S/10896/Add.1"]
        );
        assert_eq!(
            sc("report (S/6710 and Add.1 and 2)."),
            ["S/6710", "S/6710/Add.1", "S/6710/Add.2"]
        );
        assert_eq!(
            sc("S/7930 and Add.1-3, 3"),
            ["S/7930", "S/7930/Add.1", "S/7930/Add.2", "S/7930/Add.3"]
        );
        assert_eq!(sc("S/26488 and Add. 1."), ["S/26488", "S/26488/Add.1"]);
        assert_eq!(
            sc("S/4417 and Add.1/Rev.1 and Add.2."),
            ["S/4417", "S/4417/Add.1/Rev.1", "S/4417/Add.2"]
        );
        // One of the same kind as the symbol's own last part stands beside it.
        assert_eq!(
            sc("S/7930/Add.64 and Add.65, 22"),
            ["S/7930/Add.64", "S/7930/Add.65"]
        );
        // Another kind belongs to the symbol as written.
        assert_eq!(
            ga("A/79/1/Add.1 and Corr.1"),
            ["A/79/1/Add.1", "A/79/1/Add.1/Corr.1"]
        );
        assert_eq!(ga("A/75/L.72 et Add.1"), ["A/75/L.72", "A/75/L.72/Add.1"]);
        let range = sc("(S/24900 and Add.1 to 31)");
        assert_eq!(range.len(), 32);
        assert_eq!(range[31], "S/24900/Add.31");
        // A number that goes on with a word is no addendum; another symbol is its own.
        assert_eq!(
            ga("A/79/123 and Add.1, 2 December 2024"),
            ["A/79/123", "A/79/123/Add.1"]
        );
        assert_eq!(
            sc("S/20060 and Add.1, S/ 20063 and Add.1"),
            ["S/20060", "S/20060/Add.1", "S/20063", "S/20063/Add.1"]
        );
        assert_eq!(sc("S/25812 and Add.1l and 2"), ["S/25812"]);
        assert_eq!(ga("A/79/1 and Corrections"), ["A/79/1"]);
    }

    #[test]
    fn part_volume_and_section_qualifiers_are_kept() {
        assert_eq!(
            ga("Declaration and Programme of Action (A/CONF.157/24 (Part I), chap. III)"),
            ["A/CONF.157/24 (Part I)"]
        );
        assert_eq!(
            ga("See NPT/CONF.2010/50 (Vol. I), part I."),
            ["NPT/CONF.2010/50 (Vol. I)"]
        );
        assert_eq!(
            ga("See NPT/CONF.2000/28 (Parts I and II)."),
            ["NPT/CONF.2000/28 (Parts I and II)"]
        );
        assert_eq!(ga("A/79/6 (Sect. 29A)"), ["A/79/6 (Sect. 29A)"]);
        assert_eq!(
            ga("A/78/6 (Sect. 3)/Corr.1 and A/78/6 (Sect. 3) and Corr.2"),
            [
                "A/78/6 (Sect. 3)/Corr.1",
                "A/78/6 (Sect. 3)",
                "A/78/6 (Sect. 3)/Corr.2"
            ]
        );
        // Other parentheses are not qualifiers.
        assert_eq!(ga("A/79/1 (para. 3)"), ["A/79/1"]);
        assert_eq!(ga("A/79/1 (Parts of it)"), ["A/79/1"]);
        assert_eq!(
            normalize_symbol("a/conf.157/24 (part i)").as_deref(),
            Some("A/CONF.157/24 (Part I)")
        );
        assert_eq!(
            normalize_symbol("NPT/CONF.2010/50(Vol.I)").as_deref(),
            Some("NPT/CONF.2010/50 (Vol. I)")
        );
    }

    #[test]
    fn other_organs_with_a_series_get_their_symbols() {
        assert_eq!(
            ga(
                "Noting the adoption, by the Economic and Social Commission for Asia and the\nPacific at its seventy-second session, of resolution 72/7 of 19 May 2016 on regional"
            ),
            ["E/ESCAP/RES/72/7"]
        );
        assert_eq!(
            ga("Recalling ESCAP resolution 73/1 and its resolution 72/7,"),
            ["E/ESCAP/RES/73/1", "A/RES/72/7"]
        );
        assert_eq!(
            ga("Commission on Human Rights resolution 2005/69 of 20 April 2005"),
            ["E/CN.4/RES/2005/69"]
        );
        assert_eq!(
            ga("resolution 2003/32 of the Commission on Human Rights"),
            ["E/CN.4/RES/2003/32"]
        );
        assert_eq!(
            ga(
                "Welcomes the decision by the United Nations Environment Assembly at its resumed fifth session, in resolution 5/14 of 2 March 2022,"
            ),
            ["UNEP/EA.5/Res.14"]
        );
        assert_eq!(
            ga(
                "the decision by the United Nations Environment Assembly of the United Nations Environment Programme at its resumed fifth session, in resolution 5/14 of 2 March 2022"
            ),
            ["UNEP/EA.5/Res.14"]
        );
        assert_eq!(
            ga(
                "notes the contribution of the United Nations Environment Assembly, as reflected in its resolution 2/17 of 27 May 2016,"
            ),
            ["UNEP/EA.2/Res.17"]
        );
        assert_eq!(
            ga("United Nations Environment Assembly resolutions 5/2 and 5/3"),
            ["UNEP/EA.5/Res.2", "UNEP/EA.5/Res.3"]
        );
        // ECOSOC is the only Council numbering by year: a bare "Council" with such a number.
        assert_eq!(
            ga(
                "the role of the Commission, as set forth in Council resolution 2006/46 of 28 July 2006,"
            ),
            ["E/RES/2006/46"]
        );
    }

    #[test]
    fn an_economic_and_social_council_text_cites_the_councils_own_resolutions() {
        let ecosoc = |text| cites_in(text, Body::EconomicAndSocialCouncil);
        assert_eq!(
            ecosoc(
                "Recalling its resolution 2023/16 of 7 June 2023 and General Assembly resolution 70/1,"
            ),
            ["E/RES/2023/16", "A/RES/70/1"]
        );
        // A bare session number is not the Council's.
        assert!(ecosoc("Recalling resolution 70/1,").is_empty());
    }

    #[test]
    fn other_organs_without_a_series_are_not_cited() {
        for text in [
            "Commission on the Status of Women resolution 60/2",
            "the Commission for Social Development, in its resolution 62/1,",
            "Commission on Narcotic Drugs resolution 62/1",
            "UN-Habitat Governing Council resolution 26/8",
            "the Conference of the Parties, in its decision 1/7,",
            "the Economic and Social Commission for Western Asia resolution 333",
            "the Economic Commission for Africa at its fifty-sixth session, of resolution 99/1",
            "le Conseil d'administration du Programme des Nations Unies pour l'environnement, dans sa décision 27/2,",
            "la Commission de la condition de la femme, dans sa résolution 60/2,",
            "Rappelant la résolution 60/2 de la Commission de la condition de la femme",
            // ESCAP decisions have no series.
            "ESCAP decision 75/1",
        ] {
            assert!(ga(text).is_empty(), "{text}: {:?}", ga(text));
        }
    }

    #[test]
    fn french_names_the_organ_before_dans_sa_resolution() {
        assert_eq!(
            ga(
                "Notant que la Commission économique et sociale pour l’Asie et le Pacifique, dans sa résolution 72/7 du 19 mai 2016,"
            ),
            ["E/ESCAP/RES/72/7"]
        );
        assert_eq!(
            ga("Rappelant que le Conseil des droits de l’homme, dans sa résolution 52/3,"),
            ["A/HRC/RES/52/3"]
        );
        assert_eq!(
            ga("l’Assemblée générale, par sa résolution 60/251,"),
            ["A/RES/60/251"]
        );
        assert_eq!(
            ga("que la Commission des droits de l'homme, dans ses résolutions 2004/1 et 2005/2,"),
            ["E/CN.4/RES/2004/1", "E/CN.4/RES/2005/2"]
        );
        assert_eq!(
            ga(
                "par la Commission économique et sociale pour l'Asie et le Pacifique à sa soixante-douzième session, de la résolution 72/7"
            ),
            ["E/ESCAP/RES/72/7"]
        );
        assert_eq!(
            ga(
                "résolution 72/7 de la Commission économique et sociale pour l’Asie et le Pacifique"
            ),
            ["E/ESCAP/RES/72/7"]
        );
        // With no organ before "dans sa", the body decides.
        assert_eq!(
            ga("Rappelant que, dans sa résolution 72/7,"),
            ["A/RES/72/7"]
        );
    }
}
