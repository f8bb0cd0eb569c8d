//! Finds the table inside a file's first bytes: the delimiter, the preamble lines a
//! report adds above the header, and the header itself.

/// How the table in a file is laid out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub delimiter: u8,
    /// Records (report title, filter lines) before the header row.
    pub preamble_records: usize,
    pub header: Vec<String>,
}

/// The delimiters tried, in order of preference when they score the same.
const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// How many records of the prefix are looked at.
const SAMPLE_RECORDS: usize = 200;

/// Finds the layout from the start of the decoded text. `complete` says whether the
/// prefix is the whole file (if not, its last record may be cut off and is ignored).
/// Returns `None` when no delimiter yields a table of two or more columns.
pub fn sniff_layout(prefix: &[u8], complete: bool) -> Option<Layout> {
    let mut best: Option<(usize, usize, u8, Vec<Vec<String>>)> = None;
    for delimiter in DELIMITERS {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(prefix);
        let mut records: Vec<Vec<String>> = Vec::new();
        for rec in reader.records().take(SAMPLE_RECORDS) {
            let Ok(rec) = rec else { break };
            records.push(rec.iter().map(str::to_owned).collect());
        }
        if !complete && records.len() > 1 {
            records.pop();
        }
        let Some((width, count)) = modal_width(&records) else {
            continue;
        };
        let better = match &best {
            None => true,
            Some((best_count, best_width, _, _)) => {
                count > *best_count || (count == *best_count && width > *best_width)
            }
        };
        if better {
            best = Some((count, width, delimiter, records));
        }
    }
    let (_, width, delimiter, records) = best?;
    let header_index = records
        .iter()
        .position(|r| r.len() == width && looks_like_header(r))?;
    let header = records
        .get(header_index)?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    Some(Layout {
        delimiter,
        preamble_records: header_index,
        header,
    })
}

/// The most common number of fields among records with two or more, and how many have it.
fn modal_width(records: &[Vec<String>]) -> Option<(usize, usize)> {
    let mut counts: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for r in records.iter().filter(|r| r.len() >= 2) {
        *counts.entry(r.len()).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(width, count)| (count, width))
}

/// A header has mostly non-blank cells.
fn looks_like_header(record: &[String]) -> bool {
    let filled = record.iter().filter(|c| !c.trim().is_empty()).count();
    filled * 2 > record.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_semicolons_after_a_report_preamble() {
        let text = "Opportunity Pipeline\nFiltered By: Stage\n\nName;Stage;Amount\nAcme;Won;\"1.200,00\"\nBeta;Lost;5\n";
        let layout = sniff_layout(text.as_bytes(), true);
        assert_eq!(
            layout,
            Some(Layout {
                delimiter: b';',
                preamble_records: 2,
                header: vec!["Name".into(), "Stage".into(), "Amount".into()]
            })
        );
    }

    #[test]
    fn finds_tabs() {
        let layout = sniff_layout(b"a\tb\tc\n1\t2\t3\n", true);
        assert_eq!(layout.map(|l| l.delimiter), Some(b'\t'));
    }

    #[test]
    fn prose_is_no_table() {
        assert_eq!(
            sniff_layout(b"just one line of words\nand another\n", true),
            None
        );
    }
}
