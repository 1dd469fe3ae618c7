//! Stage 6: blocks joined into preambular and operative clauses.
//!
//! A block is not a clause: a page break cuts a paragraph in two, subparagraphs, quotations and
//! numbered lists stay in the clause that announces them, headings and section marks (`II`,
//! `B.`) open a section and belong to no clause. Blocks cut by a page break are joined first;
//! then [`ClauseAssembler`] walks the blocks once and decides, block by block, which of these it
//! is, from what the block itself shows ([`BlockFacts`], worked out once per block: its number,
//! section mark, opening words in `openings.rs`, final punctuation) and from the clause before it.

use crate::model::{Clause, ClauseType, Language};

use super::blocks::{
    Block, Vocabulary, append_line, block_text, collapse_spaces, ends_paragraph, final_punctuation,
    is_lone_section_mark,
};
use super::openings::{
    Opening, is_connector, opening_phrase, opens_clause, opens_with_operative_verb,
    operative_formula,
};

/// The section of a text that a resolution adopts inline ("Adopts the following Pact for the
/// Future …:", "… hereby resolves to approve the following terms of trusteeship …:"): its own
/// paragraphs are clauses of this section (`Text.OP12`), its own sections `Text.I`, `Text.II`.
pub const ADOPTED_TEXT_SECTION: &str = "Text";

/// Joins blocks into clauses: numbered operative paragraphs, preambular paragraphs, paragraphs
/// continued after a page break, subparagraphs and numbered sub-lists inside a clause; section
/// headings start a new section.
pub(super) fn assemble_clauses(
    blocks: &[Block],
    language: Language,
    vocabulary: &Vocabulary<'_>,
) -> Vec<Clause> {
    let texts = join_broken_blocks(blocks, language, vocabulary);
    let facts = BlockFacts::of_all(&texts, language);
    let mut assembler = ClauseAssembler::new(language, vocabulary);
    for (i, block) in facts.iter().enumerate() {
        assembler.take(block, facts.get(i + 1));
    }
    assembler.finish()
}

/// What the assembler asks of a block's text, worked out once per block.
struct BlockFacts<'t> {
    text: &'t str,
    /// Printed before an organ line that follows the first paragraphs (`4 (1946)`).
    before_organ: bool,
    /// `12. Requests …` → (12, `Requests …`).
    number: Option<(u32, &'t str)>,
    /// `1, That the …`, `i. Condemns …`, `i9. Calls upon …` → (1, …), (19, …): OCR slips for
    /// `1.` and `19.`, taken only where the number is the one expected.
    lenient_number: Option<(u32, &'t str)>,
    /// `Article 5 In discharging …` → (5, `In discharging …`); `Article I` alone → (1, ``).
    article: Option<(u32, &'t str)>,
    /// `B. The Commission shall …` → (2, `The Commission shall …`): a lettered paragraph.
    lettered: Option<(u32, &'t str)>,
    /// Opens with an operative formula: "It is resolved that …", "Now, therefore, …".
    operative_formula: bool,
    /// Opens with an operative verb of the usual vocabulary ("Recommends", "Décide").
    opens_operative_verb: bool,
    /// Only a connector between preamble and operative part: "Therefore", "To this end,".
    connector: bool,
    /// `II`, `B.`, `III. Title`.
    section_mark: Option<SectionMark>,
    /// Opens a new paragraph by its first words (a preambular participle, an operative verb).
    opens_clause: bool,
    /// Opens a preambular paragraph by its first words.
    opens_preambular: bool,
    /// Opens with a word that opens preambular paragraphs and never a heading.
    opens_usual_preambular: bool,
    /// Reads as a heading: short, without final punctuation ([`is_heading`]).
    heading: bool,
    /// `(a)`, `ii)`, `-`: a subparagraph.
    subparagraph: bool,
    /// Opens with a quotation mark.
    quotation: bool,
    /// Opens with a lower-case letter: it continues a sentence.
    starts_lowercase: bool,
    /// `* * *`: a separator between groups of paragraphs.
    separator: bool,
    /// The punctuation it ends with ([`final_punctuation`]).
    final_punctuation: Option<char>,
    /// Whether operative paragraph 1 comes after it, in its section.
    first_paragraph_ahead: bool,
}

impl<'t> BlockFacts<'t> {
    /// The facts of every text (and whether it is printed before the organ line), in order.
    fn of_all(texts: &'t [(String, bool)], language: Language) -> Vec<Self> {
        let mut facts: Vec<BlockFacts<'t>> = texts
            .iter()
            .map(|(text, before_organ)| BlockFacts::of(text, *before_organ, language))
            .collect();
        let mut seen = false;
        for block in facts.iter_mut().rev() {
            block.first_paragraph_ahead = seen;
            if block.section_mark.is_some() {
                seen = false;
            }
            if block.number.is_some_and(|(n, _)| n == 1) {
                seen = true;
            }
        }
        facts
    }

    fn of(text: &'t str, before_organ: bool, language: Language) -> Self {
        let opening = Opening::of(text);
        let number = operative_number(text);
        BlockFacts {
            text,
            before_organ,
            number,
            lenient_number: lenient_operative_number(text),
            article: article_paragraph(text),
            lettered: lettered_paragraph(text),
            operative_formula: operative_formula(text).is_some(),
            opens_operative_verb: opens_with_operative_verb(text),
            connector: is_connector(text),
            section_mark: section_mark(text).map(|mark| SectionMark {
                alone: text.trim_end_matches('.') == mark,
                mark,
            }),
            opens_clause: opening.opens_clause(language),
            opens_preambular: opening.is_preambular(),
            opens_usual_preambular: opening.is_usual_preambular(),
            heading: is_heading(text),
            subparagraph: is_subparagraph(text),
            quotation: is_quotation(text),
            starts_lowercase: text.starts_with(char::is_lowercase),
            separator: text.chars().all(|c| c == '*' || c.is_whitespace()),
            final_punctuation: final_punctuation(text),
            first_paragraph_ahead: false,
        }
    }
}

/// A section mark opening a block.
struct SectionMark {
    /// `II`, `B`.
    mark: String,
    /// The mark alone (`II`, `B.`), no title after it.
    alone: bool,
}

impl SectionMark {
    /// Whether it opens a section of the resolution: a roman mark, or a letter alone. A lettered
    /// heading with its title ("A. Secretariat of the Pension Board") may head a part of a table.
    fn opens_section(&self) -> bool {
        self.mark.chars().all(|c| matches!(c, 'I' | 'V' | 'X')) || self.alone
    }
}

/// The last clause, where it is in the current section: the clause a block may continue.
#[derive(Clone, Copy)]
struct OpenClause {
    operative: bool,
    /// The punctuation its text ends with so far.
    punctuation: Option<char>,
}

/// Walks the blocks in order and decides, block by block, whether each starts a clause, continues
/// the one before, opens a section or is left out; one method per case.
struct ClauseAssembler<'v, 'a> {
    language: Language,
    vocabulary: &'v Vocabulary<'a>,
    clauses: Vec<Clause>,
    /// The section mark the blocks are under (`II`, `B`).
    section: Option<String>,
    /// Whether operative paragraphs have begun in the section: no preambular paragraph follows.
    operative_mode: bool,
    /// The number of the last numbered operative paragraph.
    last_number: Option<u32>,
    /// The preambular paragraphs of the section so far.
    preambular_count: u32,
    /// Inside a numbered list that a clause announced with a colon ("…the following agenda:
    /// 1. Opening…"): the number of its last item.
    sublist_last: Option<u32>,
    /// Inside a numbered operative paragraph that announced a list or table with a colon ("as
    /// set out in the table below:"): everything up to the next paragraph number stays in it,
    /// lettered headings included.
    colon_list: bool,
    /// Set right after a section mark: the block after it, without final punctuation, is the
    /// section's title, however long.
    after_mark: bool,
    /// Inside a text that the resolution adopts inline: its paragraphs are clauses of the
    /// section [`ADOPTED_TEXT_SECTION`].
    adopted_text: bool,
    /// An article heading printed alone (`Article 8`) in an adopted text: the block after it
    /// opens that article.
    pending_article: Option<u32>,
}

impl<'v, 'a> ClauseAssembler<'v, 'a> {
    fn new(language: Language, vocabulary: &'v Vocabulary<'a>) -> Self {
        ClauseAssembler {
            language,
            vocabulary,
            clauses: Vec::new(),
            section: None,
            operative_mode: false,
            last_number: None,
            preambular_count: 0,
            sublist_last: None,
            colon_list: false,
            after_mark: false,
            adopted_text: false,
            pending_article: None,
        }
    }

    /// Takes one block; `next` is the block after it.
    fn take(&mut self, block: &BlockFacts<'_>, next: Option<&BlockFacts<'_>>) {
        if block.connector || block.separator {
            // "Therefore" between the preamble and the operative part links them; it is no
            // clause.
            return;
        }
        if block.before_organ && block.number.is_none() {
            self.before_organ(block);
            return;
        }
        if !self.adopted_text && self.adopted_text_starts(block) {
            self.open_adopted_text();
            if block.final_punctuation.is_none() && block.article.is_none() && next.is_some() {
                // "Outcome document of the high-level meeting …": the adopted text's title,
                // however long.
                return;
            }
        }
        if self.adopted_text && self.article(block) {
            return;
        }
        if self.heading_above_paragraph(block, next) {
            return;
        }
        let numbered = block.number.or_else(|| {
            // OCR reads "1." as "1," or "i.": accepted where the number is the one expected
            // and the block is no section mark ("I. Title").
            block
                .lenient_number
                .filter(|&(n, _)| n == self.expected_number() && block.section_mark.is_none())
        });
        // An adopted text may letter its paragraphs: "A. A Commission … is hereby established".
        let numbered = numbered.or_else(|| {
            block
                .lettered
                .filter(|&(n, _)| self.adopted_text && n == self.expected_number())
        });
        if std::mem::take(&mut self.after_mark)
            && numbered.is_none()
            && block.final_punctuation.is_none()
        {
            // The title of the section just opened.
            return;
        }
        let open = self.open_clause();
        if let Some((number, rest)) = numbered {
            self.numbered_paragraph(block.text, number, rest, open);
            return;
        }
        if block.operative_formula {
            // "It is resolved that …", "Now, therefore, the Security Council … resolves …".
            self.push_unnumbered_operative(block.text);
            return;
        }
        if self.continues_colon_list(block, open) {
            self.colon_list = true;
            self.append(block.text);
            return;
        }
        self.colon_list = false;
        // Nothing continues across a section mark.
        if block.section_mark.is_none() && self.continues_open_clause(block, open) {
            self.append(block.text);
            return;
        }
        if let Some(mark) = &block.section_mark {
            self.open_section(mark);
            return;
        }
        // A heading heads something: the last block of the body is none, and neither is a
        // paragraph opening with an operative verb ("Recommends to the General Assembly that
        // …" printed without its final period).
        if block.heading
            && !block.opens_usual_preambular
            && !block.opens_operative_verb
            && next.is_some()
        {
            return;
        }
        // A paragraph of the preamble that opens with no usual word ("As the General Assembly
        // has decided …,", "By Article 47 of the Charter, …;") is still preambular when it
        // ends with a comma or semicolon and the numbered operative paragraphs come after it.
        let odd_preambular = matches!(block.final_punctuation, Some(',' | ';'))
            && block.first_paragraph_ahead
            && !block.opens_operative_verb;
        // The paragraphs of an adopted text before its first numbered one are its preamble.
        let adopted_preamble = self.adopted_text && self.last_number.is_none();
        if !self.operative_mode && (block.opens_preambular || odd_preambular || adopted_preamble) {
            self.push_preambular(block.text);
            return;
        }
        if self.last_number.is_some() && open.is_some() {
            if block.opens_operative_verb
                && matches!(open.and_then(|c| c.punctuation), Some(';' | '.'))
                && self.sublist_last.is_none()
            {
                // "6. Urges …;" | "Decides to remain seized of the matter.": a paragraph
                // whose number the OCR lost.
                let number = self.expected_number();
                self.numbered_paragraph(block.text, number, block.text, open);
                return;
            }
            // An unnumbered paragraph among numbered ones belongs to the one before.
            self.append(block.text);
            return;
        }
        self.push_unnumbered_operative(block.text);
    }

    /// Whether `block` starts a text that the open clause adopts: the clause is operative,
    /// ends with a colon and adopts or approves "the following" something ("Adopts the
    /// following Pact for the Future and its annexes:"), and the block is no item of a list
    /// (a subparagraph, a numbered item, a quotation, a sentence running on): a title, a
    /// preambular paragraph, an article.
    fn adopted_text_starts(&self, block: &BlockFacts<'_>) -> bool {
        let Some(last) = self.clauses.last() else {
            return false;
        };
        last.kind == ClauseType::Operative
            && last.section == self.section
            && final_punctuation(&last.text) == Some(':')
            && adopts_the_following(&last.text)
            && block.number.is_none()
            && !block.subparagraph
            && !block.quotation
            && !block.starts_lowercase
    }

    /// Opens the section of an adopted text: its numbering and preamble are its own.
    fn open_adopted_text(&mut self) {
        self.adopted_text = true;
        self.section = Some(ADOPTED_TEXT_SECTION.to_string());
        self.operative_mode = false;
        self.last_number = None;
        self.preambular_count = 0;
        self.sublist_last = None;
        self.colon_list = false;
        self.after_mark = false;
    }

    /// An article of an adopted text (`Article 5 In discharging …`, or `Article 8` alone and
    /// its text in the next block): one clause numbered as the article, its numbered
    /// paragraphs inside it.
    fn article(&mut self, block: &BlockFacts<'_>) -> bool {
        if let Some((number, rest)) = block.article {
            if rest.is_empty() {
                self.pending_article = Some(number);
            } else {
                self.push_article(number, rest);
            }
            return true;
        }
        if let Some(number) = self.pending_article.take() {
            self.push_article(number, block.text);
            return true;
        }
        false
    }

    fn push_article(&mut self, number: u32, text: &str) {
        self.operative_mode = true;
        self.colon_list = false;
        self.last_number = Some(number);
        // "Article 8 | 1. In discharging … | 2. The Administering Authority …": the numbered
        // paragraphs are the article's.
        self.sublist_last = operative_number(text).map(|(n, _)| n);
        self.push(ClauseType::Operative, number, text);
    }

    /// The clauses, their text tidied and their opening phrase read.
    fn finish(self) -> Vec<Clause> {
        let mut clauses = self.clauses;
        for clause in &mut clauses {
            clause.text = clean_clause_start(&collapse_spaces(&clause.text));
            clause.opening = opening_phrase(&clause.text);
        }
        clauses
    }

    /// The paragraph number that follows the last one.
    fn expected_number(&self) -> u32 {
        self.last_number.map_or(1, |n| n + 1)
    }

    fn open_clause(&self) -> Option<OpenClause> {
        self.clauses
            .last()
            .filter(|c| c.section == self.section)
            .map(|c| OpenClause {
                operative: c.kind == ClauseType::Operative,
                punctuation: final_punctuation(&c.text),
            })
    }

    /// A paragraph printed before the organ line: preambular whatever its first word, unless it
    /// continues the one before.
    fn before_organ(&mut self, block: &BlockFacts<'_>) {
        let continues = self.clauses.last().is_some_and(|last| {
            !ends_paragraph(&last.text)
                || block.starts_lowercase
                || (block.quotation && quotes_follow(&last.text))
        });
        if continues {
            self.append(block.text);
        } else {
            self.push_preambular(block.text);
        }
    }

    /// A heading right above a numbered paragraph, a section or another paragraph ("…for
    /// parties thereto," | "Multimodal transportation" | "Noting that…"): no continuation of the
    /// paragraph before it, and no clause. Inside a list or table announced by a colon only the
    /// next paragraph number ends the list.
    fn heading_above_paragraph(
        &self,
        block: &BlockFacts<'_>,
        next: Option<&BlockFacts<'_>>,
    ) -> bool {
        let expected = self.expected_number();
        block.heading
            && !block.opens_clause
            && block.number.is_none()
            && !block.subparagraph
            && !block.quotation
            && block.section_mark.is_none()
            && next.is_some_and(|next| {
                next.number
                    .is_some_and(|(number, _)| !self.colon_list || number == expected)
                    || (!self.colon_list && (next.section_mark.is_some() || next.opens_clause))
            })
    }

    /// A numbered paragraph: the next operative paragraph, or an item of a numbered list inside
    /// the clause before it.
    fn numbered_paragraph(
        &mut self,
        text: &str,
        number: u32,
        rest: &str,
        open: Option<OpenClause>,
    ) {
        let follows = self.last_number.is_none_or(|last| number == last + 1);
        // "…the following agenda: 1. Opening…", "…new paragraph 4: 4. In hearing…": a
        // numbered list or quoted paragraph after a colon, out of the operative sequence.
        let opens_sublist =
            open.is_some_and(|c| c.punctuation == Some(':')) && self.last_number.is_some();
        // Where the list's next number is also the next paragraph number ("5. Approves the
        // agenda: 1. Opening. … 6. Closing."), an item that opens no clause is the list's.
        let list_goes_on = self.sublist_last.is_some_and(|last| number == last + 1)
            && !opens_clause(rest, self.language);
        if (self.sublist_last.is_some() || opens_sublist) && (!follows || list_goes_on) {
            // "…the following agenda: 1. Opening of the Congress." stays in its clause.
            self.sublist_last = Some(number);
            self.append(text);
            return;
        }
        self.sublist_last = None;
        self.colon_list = false;
        self.operative_mode = true;
        let intro = self.last_number.is_none()
            && number == 1
            && open.is_some_and(|c| c.operative && c.punctuation == Some(':'));
        let text = if intro {
            // "Resolves that: 1. The Working Capital Fund…": the unnumbered lead-in opens
            // paragraph 1.
            let lead_in = self.clauses.pop().expect("the lead-in is the open clause");
            format!("{} {rest}", lead_in.text)
        } else {
            rest.to_string()
        };
        self.last_number = Some(number);
        self.push(ClauseType::Operative, number, &text);
    }

    /// Whether an unnumbered block belongs to a list or table that the numbered paragraph before
    /// it announced with a colon. A section of the resolution ends the list.
    fn continues_colon_list(&self, block: &BlockFacts<'_>, open: Option<OpenClause>) -> bool {
        let announced =
            open.is_some_and(|c| c.operative && (self.colon_list || c.punctuation == Some(':')));
        let opens_section = block
            .section_mark
            .as_ref()
            .is_some_and(SectionMark::opens_section);
        announced && self.last_number.is_some() && !opens_section
    }

    /// Whether a block continues the open clause: a subparagraph, a quotation the clause
    /// announced, a text after a colon or a comma that opens no clause, a sentence running on.
    fn continues_open_clause(&self, block: &BlockFacts<'_>, open: Option<OpenClause>) -> bool {
        let Some(open) = open else {
            return false;
        };
        block.subparagraph
            || (block.quotation
                && self
                    .clauses
                    .last()
                    .is_some_and(|last| quotes_follow(&last.text)))
            || (open.punctuation == Some(':') && !block.opens_clause && !block.heading)
            || (open.punctuation.is_none() && !block.opens_clause)
            || block.starts_lowercase
            || (open.punctuation == Some(',') && !block.opens_clause)
    }

    /// A section mark (`II`, `B.`, `III. Title`): preambular numbering starts again under it.
    /// In an adopted text, the section is the text's (`Text.II`).
    fn open_section(&mut self, mark: &SectionMark) {
        self.after_mark = mark.alone;
        self.section = Some(if self.adopted_text {
            format!("{ADOPTED_TEXT_SECTION}.{}", mark.mark)
        } else {
            mark.mark.clone()
        });
        self.operative_mode = false;
        self.preambular_count = 0;
        self.sublist_last = None;
    }

    fn push_preambular(&mut self, text: &str) {
        self.preambular_count += 1;
        self.push(ClauseType::Preambular, self.preambular_count, text);
    }

    /// An operative paragraph printed without a number: numbered in order within its section.
    fn push_unnumbered_operative(&mut self, text: &str) {
        self.operative_mode = true;
        let number = self
            .clauses
            .iter()
            .filter(|c| c.kind == ClauseType::Operative && c.section == self.section)
            .count() as u32
            + 1;
        self.push(ClauseType::Operative, number, text);
    }

    fn push(&mut self, kind: ClauseType, number: u32, text: &str) {
        self.clauses.push(Clause {
            section: self.section.clone(),
            kind,
            number,
            opening: String::new(),
            text: text.to_string(),
            cites: Vec::new(),
            footnotes: Vec::new(),
            subparagraphs: Vec::new(),
        });
    }

    /// Appends a block to the last clause.
    fn append(&mut self, text: &str) {
        let last = self
            .clauses
            .last_mut()
            .expect("a block is appended to a clause before it");
        append_line(&mut last.text, text, Some(self.vocabulary));
    }
}

/// The text of each block, with blocks joined where a page or column break cut a paragraph:
/// a block without final punctuation continues into the next one when that one opens no clause
/// ("Mindful of its duties … under the" | "Charter of the United Nations …,").
fn join_broken_blocks(
    blocks: &[Block],
    language: Language,
    vocabulary: &Vocabulary<'_>,
) -> Vec<(String, bool)> {
    let mut texts: Vec<(String, bool)> = Vec::with_capacity(blocks.len());
    let mut joinable = false;
    for block in blocks {
        let text = block_text(block, vocabulary);
        let marked = section_mark(&text).is_some();
        let continuation = joinable
            && !marked
            && operative_number(&text).is_none()
            && !is_subparagraph(&text)
            && (text.starts_with(char::is_lowercase)
                || !opens_clause(&text, language)
                || block.after_page_break);
        joinable = !marked && !ends_paragraph(&text) && !is_lone_section_mark(&block.lines[0]);
        match texts.last_mut() {
            Some((last, _)) if continuation => append_line(last, &text, Some(vocabulary)),
            _ => texts.push((text, block.before_organ)),
        }
    }
    texts
}

/// `12. Requests…` / `12.` → (12, rest).
pub(super) fn operative_number(text: &str) -> Option<(u32, &str)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = text[digits..].strip_prefix('.')?;
    if !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    Some((text[..digits].parse().ok()?, rest.trim_start()))
}

/// `1, That the Trusteeship Council…`, `i. Condemns…`, `L. Strongly condemns…`, `i9. Calls
/// upon…`, `Z. Demands…`, `S. Decides…`: OCR slips for `1.`, `19.`, `2.`, `5.` (a comma for
/// the period, a letter for a digit); the caller checks the number.
fn lenient_operative_number(text: &str) -> Option<(u32, &str)> {
    let len = text
        .bytes()
        .take_while(|b| {
            b.is_ascii_digit() || matches!(b, b'i' | b'I' | b'l' | b'L' | b'|' | b'Z' | b'S' | b'O')
        })
        .count();
    if len == 0 || len > 2 {
        return None;
    }
    let mark = &text[..len];
    let slipped_digit = !mark.bytes().all(|b| b.is_ascii_digit());
    let rest = if slipped_digit {
        // A letter read for a digit: the period must follow ("I. Title" is a section mark,
        // which the caller rules out).
        text[len..].strip_prefix(". ")?
    } else {
        text[len..].strip_prefix(", ")?
    };
    let digits: String = mark
        .chars()
        .map(|c| match c {
            'Z' => '2',
            'S' => '5',
            'O' => '0',
            c if c.is_ascii_digit() => c,
            _ => '1',
        })
        .collect();
    rest.starts_with(char::is_uppercase)
        .then(|| Some((digits.parse().ok()?, rest.trim_start())))
        .flatten()
}

/// `Article 5 In discharging …` → (5, `In discharging …`), `Article I` alone → (1, ``): an
/// article of a text adopted inline.
pub(super) fn article_paragraph(text: &str) -> Option<(u32, &str)> {
    let rest = text
        .strip_prefix("Article ")
        .or_else(|| text.strip_prefix("ARTICLE "))?;
    let mark_len = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    let mark = &rest[..mark_len];
    let number = mark.parse::<u32>().ok().or_else(|| roman_value(mark))?;
    let after = rest[mark_len..]
        .strip_prefix('.')
        .unwrap_or(&rest[mark_len..]);
    let after = after.trim_start();
    (after.is_empty() || after.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
        .then_some((number, after))
}

/// `B. The Commission shall …` → (2, `The Commission shall …`).
fn lettered_paragraph(text: &str) -> Option<(u32, &str)> {
    let mut chars = text.chars();
    let letter = chars.next().filter(char::is_ascii_uppercase)?;
    let rest = text[1..].strip_prefix(". ")?;
    (rest.starts_with(char::is_uppercase) && rest.len() > 20)
        .then_some((u32::from(letter) - u32::from('A') + 1, rest))
}

/// `XIV` → 14 (capitals I, V, X, L, C only).
fn roman_value(mark: &str) -> Option<u32> {
    let value = |c| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        _ => None,
    };
    let digits: Vec<u32> = mark.chars().map(value).collect::<Option<_>>()?;
    if digits.is_empty() || digits.len() > 8 {
        return None;
    }
    let mut total = 0;
    for (i, &d) in digits.iter().enumerate() {
        if digits.get(i + 1).is_some_and(|&next| next > d) {
            total -= d as i64;
        } else {
            total += d as i64;
        }
    }
    u32::try_from(total).ok().filter(|&n| n > 0)
}

/// Whether a clause adopts, approves or proclaims "the following" text: "Adopts the following
/// Declaration:", "Decides to adopt the following rules", "… resolves to approve the following
/// terms of trusteeship …:".
fn adopts_the_following(text: &str) -> bool {
    let lower = text.to_lowercase();
    let adoption = [
        "adopt", "approv", "proclaim", "endors", "proclam", "approuv",
    ]
    .iter()
    .filter_map(|stem| {
        lower
            .match_indices(stem)
            .find(|&(at, _)| at == 0 || !lower[..at].ends_with(char::is_alphabetic))
            .map(|(at, _)| at)
    })
    .min();
    let following = ["following", "suivant", "ci-après"]
        .iter()
        .filter_map(|word| lower.rfind(word))
        .max();
    matches!((adoption, following), (Some(a), Some(f)) if a < f)
}

/// `(a)`, `(ii)`, `a)`, `i)`, `(1)`, `-`, `•`: a subparagraph, which stays in its clause.
pub(super) fn is_subparagraph(text: &str) -> bool {
    if text.starts_with(['•', '–', '-', '—', '●', '\u{f0b7}']) {
        return true;
    }
    let inner = text.strip_prefix('(').unwrap_or(text);
    let label_len = inner.find(')').filter(|&p| p > 0 && p <= 5).unwrap_or(0);
    label_len > 0
        && inner[..label_len]
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
}

/// A section heading inside a resolution (`I`, `A.`, `Implementation of the Convention`).
fn is_heading(text: &str) -> bool {
    let words = text.split_whitespace().take(21).count();
    let roman_or_letter = text
        .trim_end_matches('.')
        .chars()
        .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L') || c.is_ascii_uppercase())
        && text.trim_end_matches('.').len() <= 5;
    // "Determines that this action constitutes a breach of the peace; and" runs on.
    let last_word = text.rsplit(' ').next().unwrap_or("");
    let runs_on = matches!(last_word, "and" | "or" | "et" | "ou");
    roman_or_letter || (words <= 20 && !ends_paragraph(text) && !runs_on)
}

/// A section mark opening a block: `II`, `B.`, `III. Title` → `II`, `B`, `III`.
fn section_mark(text: &str) -> Option<String> {
    let first = text.split_whitespace().next()?;
    let mark = first.trim_end_matches('.');
    let roman =
        !mark.is_empty() && mark.len() <= 5 && mark.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    let letter = mark.len() == 1 && mark.chars().all(|c| c.is_ascii_uppercase());
    if !(roman || letter) {
        return None;
    }
    let rest = text[first.len()..].trim();
    let heading_rest = rest.is_empty()
        || (!ends_paragraph(rest) && rest.split_whitespace().take(61).count() <= 60);
    (heading_rest
        && !(letter && mark == "A" && !rest.is_empty() && rest.starts_with(char::is_lowercase)))
    .then(|| mark.to_string())
}

/// A block opening with a quotation mark: quoted text inside the clause before it
/// ("…Article 2, paragraph 4, which reads:" | "“All Members shall refrain …”,").
fn is_quotation(text: &str) -> bool {
    text.starts_with(['“', '"', '‘', '«', '„'])
}

/// Whether a quotation may follow a clause's text: it announces one (`reads:`) or is quoting
/// already ("“The President…" | "“They launch…").
fn quotes_follow(text: &str) -> bool {
    final_punctuation(text) == Some(':') || text.contains(['“', '"', '«'])
}

/// Removes what OCR leaves before a clause's first word (`| Demands`, `~— Requests`,
/// `‘Reiterates` without a closing quote) and joins a letter-spaced first word
/// (`I n v i t e s` → `Invites`).
fn clean_clause_start(text: &str) -> String {
    let mut text = text.trim_start();
    loop {
        let stray = text.starts_with(['|', '~', '—', '–', '‘', '_'])
            || (text.starts_with('“') && !text.contains('”'));
        if !stray {
            break;
        }
        let rest = text[text.chars().next().map_or(0, char::len_utf8)..].trim_start();
        if !rest.starts_with(|c: char| c.is_uppercase() || "|~—–‘_“".contains(c)) {
            break;
        }
        text = rest;
    }
    let single_letter = |w: &str| w.chars().count() == 1 && w.chars().all(char::is_alphabetic);
    let letters = text.split(' ').take_while(|w| single_letter(w)).count();
    if letters < 4 {
        return text.to_string();
    }
    let words: Vec<&str> = text.split(' ').collect();
    if words.len() > letters {
        let joined: String = words[..letters].concat();
        // The last letter may carry the word's end: "I n v i t e s".
        return format!("{joined}{}", {
            let rest = words[letters..].join(" ");
            if rest.starts_with(|c: char| c.is_alphabetic()) {
                format!(" {rest}")
            } else {
                rest
            }
        });
    }
    text.to_string()
}

#[cfg(test)]
mod tests {
    use crate::segment::segment_text;

    const SC_HEAD: &str = "Resolution 434 (1973)\nof 18 September 1978\n\n";

    #[test]
    fn quotations_headings_and_numbered_lists_stay_where_they_belong() {
        let text = format!(
            "{SC_HEAD}The Security Council,\n\nHaving in mind Article 2, which reads:\n\n“All Members shall refrain from the threat of force”,\n\nNoting the report,\n\nFinal report\n\n1. Approves the agenda:\n\n1. Opening.\n\n2. Closing.\n\n2. Decides to remain seized of the matter."
        );
        let res = segment_text(&text, None).unwrap();
        let labels: Vec<String> = res.clauses.iter().map(|c| c.label()).collect();
        assert_eq!(labels, ["PP1", "PP2", "OP1", "OP2"]);
        assert!(res.clauses[0].text.ends_with("threat of force”,"));
        assert_eq!(res.clauses[1].text, "Noting the report,");
        assert_eq!(
            res.clauses[2].text,
            "Approves the agenda: 1. Opening. 2. Closing."
        );
    }
}
