//! How the bench writes numbers and tables: durations in ASCII units,
//! thousands separators, "how many times faster", and Markdown tables
//! (readable in a terminal, pasteable into a README).

/// A time in seconds in the unit that reads best: `2.41 s`, `12.3 ms`,
/// `85 us` (`NaN` falls through to the last).
pub fn duration(seconds: f64) -> String {
    match seconds {
        s if s >= 1.0 => format!("{s:.2} s"),
        s if s >= 1e-3 => format!("{:.1} ms", s * 1e3),
        s => format!("{:.0} us", s * 1e6),
    }
}

/// A whole number with thousands separators: `1,234,567`.
pub fn thousands(value: f64) -> String {
    let digits = format!("{:.0}", value.abs());
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if value < 0.0 && digits != "0" {
        grouped.insert(0, '-');
    }
    grouped
}

/// How many times faster: `3.2x`, `48x`, `2,600x`.
pub fn times(ratio: f64) -> String {
    if ratio < 10.0 {
        format!("{ratio:.1}x")
    } else {
        format!("{}x", thousands(ratio))
    }
}

/// A Markdown table whose columns are padded to line up (a `|` inside a
/// cell is escaped as `\|`).
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().map(|cell| cell.replace('|', "\\|")).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|cell| cell.chars().count()).collect();
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let padded: Vec<String> = cells
            .zip(&widths)
            .map(|(cell, &width)| format!("{cell:<width$}"))
            .collect();
        format!("| {} |\n", padded.join(" | "))
    };
    let mut text = line(&mut header.iter().copied());
    let rule: Vec<String> = widths.iter().map(|&width| "-".repeat(width)).collect();
    text.push_str(&format!("|-{}-|\n", rule.join("-|-")));
    for row in &rows {
        text.push_str(&line(&mut row.iter().map(String::as_str)));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_well() {
        assert_eq!(duration(2.414), "2.41 s");
        assert_eq!(duration(0.012_34), "12.3 ms");
        assert_eq!(duration(0.000_085), "85 us");
        assert_eq!(duration(f64::NAN), "NaN us");
        assert_eq!(duration(300.0), "300.00 s");
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(thousands(1_234_567.4), "1,234,567");
        assert_eq!(thousands(999.0), "999");
        assert_eq!(thousands(-1000.0), "-1,000");
        assert_eq!(times(3.24), "3.2x");
        assert_eq!(times(2_600.2), "2,600x");
    }

    #[test]
    fn tables_line_up() {
        let rows = vec![
            vec!["load".to_owned(), "0.12 s".to_owned()],
            vec!["default run".to_owned(), "2.05 s".to_owned()],
            vec!["a|b".to_owned(), "1".to_owned()],
        ];
        assert_eq!(
            table(&["metric", "value"], &rows),
            "| metric      | value  |\n\
             |-------------|--------|\n\
             | load        | 0.12 s |\n\
             | default run | 2.05 s |\n\
             | a\\|b        | 1      |\n"
        );
    }
}
