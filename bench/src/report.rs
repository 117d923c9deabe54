//! The report of a bench run: the measurements, the figures derived from
//! them and the results table; serialized it is `bench.json`, rendered it
//! is the Markdown that `cargo xtask bench` prints.

use serde::Serialize;

use crate::comparison;
use crate::figures::Figures;
use crate::format::table;
use crate::measure::Measurements;
use crate::measure::peers::INSTALL_HINT;
use crate::results::{Row, rows};

/// The whole report: `bench.json`.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The raw measurements.
    #[serde(flatten)]
    pub measurements: Measurements,
    /// What they come to.
    pub figures: Figures,
    /// The results table, row by row.
    pub results: Vec<Row>,
}

impl Report {
    /// Derives the figures and the results from the measurements.
    pub fn new(measurements: Measurements) -> Self {
        let figures = Figures::new(&measurements);
        let results = rows(&measurements, &figures);
        Self {
            measurements,
            figures,
            results,
        }
    }

    /// The machine line and the results table, then the comparison with the
    /// peers (or how to add them), in Markdown.
    pub fn markdown(&self) -> String {
        let mut text = self.measurements.machine.heading("cargo xtask bench");
        let rows: Vec<Vec<String>> = self
            .results
            .iter()
            .map(|row| vec![row.metric.clone(), row.value.clone()])
            .collect();
        text.push_str(&table(&["metric", "value"], &rows));
        match comparison::markdown(&self.measurements, &self.figures) {
            Some(comparison) => {
                text.push('\n');
                text.push_str(&comparison);
            }
            None => text.push_str(&format!(
                "\n(`cargo xtask bench --peers` adds NumPy and PyTorch; {INSTALL_HINT})\n"
            )),
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::tests::peer;
    use crate::measure::peers::Peers;
    use crate::measure::tests::example;

    #[test]
    fn the_markdown_has_the_table_and_says_how_to_add_peers() {
        let text = Report::new(example()).markdown();
        assert!(
            text.starts_with("## cargo xtask bench\n\ntest CPU, 2 cores"),
            "{text}"
        );
        assert!(text.contains("| metric "), "{text}");
        let loading = text
            .lines()
            .find(|line| line.starts_with("| Loading MNIST (gz"));
        assert!(
            loading.is_some_and(|line| line.contains("| 120.0 ms ")),
            "{text}"
        );
        assert!(text.contains("--peers` adds NumPy and PyTorch"), "{text}");
    }

    #[test]
    fn with_peers_the_comparison_follows() {
        let mut m = example();
        m.peers = Some(Peers {
            numpy: peer(30.0),
            torch: vec![peer(4.0)],
            numpy_numerical_gradient: peer(60.0),
        });
        let text = Report::new(m).markdown();
        assert!(
            text.contains("### The book's run: 784-50-10 sigmoid"),
            "{text}"
        );
        assert!(
            text.contains("2.4x faster") && text.contains("18x faster"),
            "{text}"
        );
        assert!(!text.contains("adds NumPy and PyTorch"), "{text}");
    }

    #[test]
    fn the_json_holds_measurements_figures_and_rows() -> Result<(), serde_json::Error> {
        let json = serde_json::to_value(Report::new(example()))?;
        assert_eq!(json["machine"]["cores"], 2);
        assert_eq!(json["figures"]["load_s"], 0.12);
        assert!(json["results"][0]["metric"].is_string());
        assert!(json["results"][0].get("target").is_none());
        Ok(())
    }
}
