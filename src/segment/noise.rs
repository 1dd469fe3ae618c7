//! Stage 3: page furniture, marked so that no clause takes it in.
//!
//! A PDF page repeats the symbol, a page counter (`2/5`), a job number (`24-19997 (E)`), a
//! barcode and often the resolution's title as a running header; PDF extractions add links.
//! They may stand anywhere, also in the middle of a paragraph cut by a page break.

use crate::cite;

use super::head::Head;

/// `N/M` alone on its line, each of at most three digits: maybe a page counter.
fn is_page_counter(line: &str) -> bool {
    match line.split_once('/') {
        Some((a, b)) => {
            !a.is_empty()
                && !b.is_empty()
                && a.len() <= 3
                && b.len() <= 3
                && a.bytes().all(|c| c.is_ascii_digit())
                && b.bytes().all(|c| c.is_ascii_digit())
        }
        None => false,
    }
}

/// The lines that are page counters (`2/5`, `3/5`): `N/M` alone on its line with `N <= M`, and
/// `M` printed on at least two such lines, or on one in a two-page document, so that a
/// resolution number wrapped onto a line of its own (`73/89`) is not taken for one.
fn page_counter_lines<'a>(lines: &[&'a str]) -> Vec<&'a str> {
    let candidates: Vec<(&str, u32, u32)> = lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| is_page_counter(l))
        .filter_map(|l| {
            let (a, b) = l.split_once('/')?;
            Some((l, a.parse().ok()?, b.parse().ok()?))
        })
        .filter(|&(_, a, b)| a <= b && b >= 2)
        .collect();
    candidates
        .iter()
        .filter(|&&(_, _, b)| {
            let count = candidates.iter().filter(|c| c.2 == b).count() as u32;
            count >= (b - 1).min(2)
        })
        .map(|&(l, _, _)| l)
        .collect()
}

/// `24-19997 (E)`, `23-20100 (E)    271023`, `24-23832`.
fn is_job_number(line: &str) -> bool {
    let b = line.as_bytes();
    b.len() >= 8
        && b[..2].iter().all(u8::is_ascii_digit)
        && b[2] == b'-'
        && b[3..8].iter().all(u8::is_ascii_digit)
        && (b.len() == 8 || b[8] == b' ')
        && line[8..]
            .split_whitespace()
            .all(|w| w == "(E)" || w == "(F)" || w.bytes().all(|c| c.is_ascii_digit()))
}

/// `*2419997*`.
fn is_barcode(line: &str) -> bool {
    line.len() > 4
        && line.starts_with('*')
        && line.ends_with('*')
        && line[1..line.len() - 1].bytes().all(|c| c.is_ascii_digit())
}

/// `https://undocs.org/…` alone on its line.
fn is_link(line: &str) -> bool {
    (line.starts_with("http://") || line.starts_with("https://") || line.starts_with("undocs.org"))
        && !line.contains(' ')
}

/// Whether a line prints the resolution's own symbol.
fn same_symbol(line: &str, symbol: &str) -> bool {
    // The PDF extraction sometimes prints it twice: "A/RES/78/18A/RES/78/18".
    let repeated = line.len() > symbol.len()
        && line.len().is_multiple_of(symbol.len())
        && line.starts_with(symbol)
        && line.split(symbol).all(|piece| piece.is_empty());
    line == symbol
        || repeated
        || (line.starts_with(['A', 'S']) && cite::normalize_symbol(line).as_deref() == Some(symbol))
}

/// Marks masthead-like lines anywhere: running headers and footers, job numbers, barcodes, links,
/// and running titles next to the symbol. The body starts at `body_start`.
pub(super) fn mark_noise(lines: &[&str], head: &Head, body_start: usize) -> Vec<bool> {
    let title = RunningTitle::of(lines, head, body_start);
    let page_counters = page_counter_lines(lines);
    let mut noise: Vec<bool> = lines
        .iter()
        .map(|raw| {
            let line = raw.trim();
            page_counters.contains(&line)
                || is_job_number(line)
                || is_barcode(line)
                || is_link(line)
                || same_symbol(line, &head.symbol)
        })
        .collect();
    // A running title repeats the masthead's title in a page header, above the symbol or the
    // page counter ("Title\nA/RES/79/6", "Title\n\n3/5\n24-1 (E)") or below the symbol
    // ("A/RES/79/6\nTitle\n\n24-1 (E)\n2/5"). The lines taken, joined, must still be a piece
    // of the masthead, so that a body line next to the header is never taken with them.
    let anchors: Vec<usize> = (0..lines.len())
        .filter(|&i| noise[i] && !is_link(lines[i].trim()))
        .collect();
    for i in anchors {
        let symbol = same_symbol(lines[i].trim(), &head.symbol);
        let mut taken: Vec<usize> = Vec::new();
        let mut j = i;
        while j > 0 {
            j -= 1;
            // Above the symbol the title lines touch it; above a page counter or job number a
            // blank line may come between.
            if lines[j].trim().is_empty() && symbol {
                break;
            }
            if lines[j].trim().is_empty() || noise[j] {
                continue;
            }
            let mut candidate: Vec<&str> = vec![lines[j]];
            candidate.extend(taken.iter().map(|&k| lines[k]));
            if !title.holds(&candidate.join(" ")) {
                break;
            }
            taken.insert(0, j);
        }
        // The title starts at the first line taken: a body line above it that happens to
        // repeat a piece of the title ("the Prohibition of the Use, …") is dropped from them.
        while !taken.is_empty() && !title.starts_with(&taken, lines) {
            taken.remove(0);
        }
        if symbol {
            let mut after: Vec<usize> = Vec::new();
            for j in i + 1..(i + 6).min(lines.len()) {
                let line = lines[j].trim();
                if is_page_counter(line) {
                    break;
                }
                if line.is_empty() || noise[j] {
                    continue;
                }
                let mut candidate: Vec<&str> = after.iter().map(|&k| lines[k]).collect();
                candidate.push(lines[j]);
                if !title.holds(&candidate.join(" ")) {
                    break;
                }
                after.push(j);
            }
            if title.starts_with(&after, lines) {
                taken.extend(after);
            }
        }
        for k in taken {
            noise[k] = true;
        }
    }
    noise
}

/// What a running title repeats: the title printed in the head or, where none is printed, what
/// is printed before the body (and only that), as a [`comparison_key`].
struct RunningTitle {
    key: String,
    /// Whether a title is printed.
    titled: bool,
}

impl RunningTitle {
    fn of(lines: &[&str], head: &Head, body_start: usize) -> Self {
        let key = match &head.title {
            Some(title) => comparison_key(title),
            None => comparison_key(&lines[..body_start].join(" ")),
        };
        RunningTitle {
            key,
            titled: head.title.is_some(),
        }
    }

    /// Whether `text` is a piece of it, long enough to tell.
    fn holds(&self, text: &str) -> bool {
        let text = comparison_key(text);
        text.len() >= 6 && self.key.contains(&text)
    }

    /// Whether the lines `group`, joined, start it (any piece of it where no title is printed).
    fn starts_with(&self, group: &[usize], lines: &[&str]) -> bool {
        if !self.titled {
            return true;
        }
        let joined: Vec<&str> = group.iter().map(|&k| lines[k]).collect();
        self.key.starts_with(&comparison_key(&joined.join(" ")))
    }
}

/// Letters and digits only, in lower case: a title compares equal however its lines wrap
/// ("Nuclear-Weapon-\nFree World") and whatever its hyphens ("Non Proliferation" in the
/// masthead, "Non-Proliferation" in the running title).
fn comparison_key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_counters_are_told_from_resolution_numbers() {
        let lines = ["text", "73/89", "more", "2/5", "3/5", "4/5"];
        assert_eq!(page_counter_lines(&lines), ["2/5", "3/5", "4/5"]);
        assert_eq!(page_counter_lines(&["2/2"]), ["2/2"]);
    }
}
