//! Fast passes over a file's bytes: counting the bytes that match, and a row's cells as
//! a JSON array, both written so the compiler runs them on many bytes at once.

/// How many bytes of `bytes` `matches` says yes to. Counted in blocks of 255 bytes
/// into one-byte counters, so the loop compares a vector of bytes at a time.
pub fn count_where(bytes: &[u8], matches: impl Fn(u8) -> bool) -> u64 {
    bytes
        .chunks(255)
        .map(|block| {
            let n = block
                .iter()
                .fold(0_u8, |n, &b| n.wrapping_add(u8::from(matches(b))));
            u64::from(n)
        })
        .sum()
}

/// Whether `text` holds a character JSON escapes inside a string (a quote, a backslash
/// or a control character). Looks at every byte, without stopping early, which is
/// what lets it compare many at once: a cell is short.
fn needs_escaping(text: &str) -> bool {
    text.bytes().fold(false, |any, b| {
        any | (b < 0x20) | (b == b'"') | (b == b'\\')
    })
}

/// `cells` as a JSON array of strings, exactly as `serde_json` writes it: cells that
/// need no escaping (nearly all) are copied as they are, the rest go through
/// `serde_json`.
pub fn cells_as_json<S: AsRef<str>>(cells: &[S]) -> String {
    let mut json =
        String::with_capacity(cells.iter().map(|c| c.as_ref().len() + 3).sum::<usize>() + 2);
    json.push('[');
    for (i, cell) in cells.iter().map(AsRef::as_ref).enumerate() {
        if i > 0 {
            json.push(',');
        }
        if needs_escaping(cell) {
            json.push_str(&serde_json::to_string(cell).unwrap_or_default());
        } else {
            json.push('"');
            json.push_str(cell);
            json.push('"');
        }
    }
    json.push(']');
    json
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_match_a_byte_by_byte_count() {
        let bytes: Vec<u8> = (0..10_000_u32)
            .map(|i| u8::try_from((i * 31 + i / 7) % 256).unwrap_or(0))
            .collect();
        for needle in [0_u8, b'"', 0xFF] {
            let expected = bytes.iter().filter(|b| **b == needle).count() as u64;
            assert_eq!(count_where(&bytes, |b| b == needle), expected);
        }
        // More than 255 matches in one block would overflow a one-byte counter.
        assert_eq!(count_where(&[b'"'; 1000], |b| b == b'"'), 1000);
        assert_eq!(count_where(&[], |_| true), 0);
    }

    #[test]
    fn json_is_what_serde_json_writes() {
        let rows: [&[&str]; 5] = [
            &[],
            &[""],
            &["c1", "Zoë Ångström", "https://a.example/x?y=1", "東京 😀"],
            &[
                "say \"hi\"",
                "a\\b",
                "line 1\nline 2\r\n",
                "tab\there",
                "\u{1}\u{1f}",
            ],
            &["plain", "\"", "\\", "\u{7f}", "</script>"],
        ];
        for cells in rows {
            assert_eq!(
                cells_as_json(cells),
                serde_json::to_string(cells).unwrap_or_default(),
                "{cells:?}"
            );
        }
    }
}
