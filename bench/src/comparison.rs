//! The comparison of `cargo xtask bench --peers`, in Markdown for the README: this
//! project vs PyTorch vs NumPy on the book's run, the numerical gradient per
//! call, the machine and versions, and the commands that reproduce it.

use crate::figures::Figures;
use crate::format::{duration, table, thousands, times};
use crate::measure::Measurements;
use crate::measure::peers::{PeerRecord, PeerRun};

/// The comparison tables of `m` and its figures `f`, or `None` without the
/// peers.
pub fn markdown(m: &Measurements, f: &Figures) -> Option<String> {
    let peers = m.peers.as_ref()?;
    let (input, hidden, output) = m.setup.dims;
    let mut text = format!(
        "### The book's run: {input}-{hidden}-{output} {}, batch {}, {} steps, {} evaluations of {} images\n\n",
        m.setup.activation,
        m.setup.batch_size,
        thousands(m.setup.iters as f64),
        m.default_runs.first().map_or(0, |r| r.evaluations),
        thousands(m.evaluation.images as f64),
    );
    let ours = vec![
        format!(
            "this project: Rust, f32, nalgebra {} (median of {})",
            m.machine.nalgebra, m.setup.runs
        ),
        duration(f.total_s),
        duration(f.steps_s),
        duration(f.eval_s),
        thousands(f.run_samples_per_s),
        format!("{:.4}", f.test_acc),
        "-".to_owned(),
    ];
    let mut rows = vec![ours];
    let best_threads = f.torch_best_threads.filter(|_| peers.torch.len() > 1);
    let torch_runs = peers.torch.iter().map(|run| {
        let best = run
            .record
            .as_ref()
            .is_some_and(|record| best_threads.is_some() && record.threads == best_threads);
        let name = if best {
            "PyTorch {torch} CPU, float32, its best"
        } else {
            "PyTorch {torch} CPU, float32"
        };
        (name, run)
    });
    for (name, run) in torch_runs.chain([("NumPy {numpy}, float64", &peers.numpy)]) {
        rows.push(match &run.record {
            Some(record) => peer_row(name, record, f.total_s),
            None => not_run(name, run, 7),
        });
    }
    text.push_str(&table(
        &[
            "implementation",
            "total (steps + evaluations)",
            "steps",
            "evaluations",
            "training samples/s",
            "test accuracy",
            "this project is",
        ],
        &rows,
    ));

    let ng = &m.numerical_gradient;
    text.push_str(&format!(
        "\n### The numerical gradient of {input}-{hidden}-{output} on a batch of {}, one call\n\n",
        ng.batch
    ));
    let fast_s = f.numerical_gradient_fast_s;
    let faster = |seconds: f64| format!("{} faster", times(seconds / fast_s));
    let mut rows = vec![vec![
        format!(
            "Rust, FastNumericalGradient (median of {}, {} threads)",
            ng.fast_runs_s.len(),
            ng.fast_threads
        ),
        duration(fast_s),
        "-".to_owned(),
    ]];
    rows.push(match f.numerical_gradient_reference_s {
        Some(s) => vec![
            "Rust, the book's loop, TwoLayerNet::numerical_gradient (1 call)".to_owned(),
            duration(s),
            faster(s),
        ],
        None => vec![
            "Rust, the book's loop".to_owned(),
            "skipped (--skip-reference)".to_owned(),
            "-".to_owned(),
        ],
    });
    let numpy_name = "NumPy {numpy}, the book's loop (1 call)";
    let numpy = &peers.numpy_numerical_gradient;
    rows.push(match (&numpy.record, f.numerical_gradient_numpy_s) {
        (Some(record), Some(s)) => vec![versioned(numpy_name, record), duration(s), faster(s)],
        _ => not_run(numpy_name, numpy, 3),
    });
    text.push_str(&table(
        &["implementation", "per call", "the fast one is"],
        &rows,
    ));

    let machine = &m.machine;
    let python = std::iter::once(&peers.numpy)
        .chain(&peers.torch)
        .find_map(|run| run.record.as_ref()?.python.clone())
        .unwrap_or_else(|| "?".to_owned());
    text.push_str(&format!(
        "\nMachine: {}, {} cores, {} (load average {} at the start: other work shares the \
         machine). Versions: {}, Python {python}. Measured {} UTC.\n\nReproduce (from the \
         workspace root):\n\n```sh\n{}\n",
        machine.cpu,
        machine.cores,
        machine.os,
        machine.load_average,
        machine.rustc,
        machine.date_utc,
        m.setup.command,
    ));
    let runs = peers
        .torch
        .iter()
        .chain([&peers.numpy, &peers.numpy_numerical_gradient]);
    for run in runs {
        text.push_str(&run.command);
        text.push('\n');
    }
    text.push_str("```\n");
    Some(text)
}

/// `name` with `{numpy}` and `{torch}` replaced by the peer's versions.
fn versioned(name: &str, record: &PeerRecord) -> String {
    name.replace("{numpy}", record.numpy.as_deref().unwrap_or("?"))
        .replace("{torch}", record.torch.as_deref().unwrap_or("?"))
}

/// A peer's training row, with how many times faster our `total_s` is.
fn peer_row(name: &str, record: &PeerRecord, total_s: f64) -> Vec<String> {
    let runs = record.runs.as_ref().map_or(1, Vec::len);
    let seconds = |value: Option<f64>| value.map_or("?".to_owned(), duration);
    vec![
        format!(
            "{}, {} ({})",
            versioned(name, record),
            record
                .threads
                .map_or("? threads".to_owned(), |n| plural_noun(
                    n as usize, "thread"
                )),
            plural(runs, "run")
        ),
        seconds(record.total_s),
        seconds(record.steps_s),
        seconds(record.eval_s),
        record.samples_per_s.map_or("?".to_owned(), thousands),
        record
            .test_acc
            .map_or("?".to_owned(), |acc| format!("{acc:.4}")),
        record
            .total_s
            .map_or("?".to_owned(), |t| format!("{} faster", times(t / total_s))),
    ]
}

/// A row saying why a peer did not run, padded to `columns`.
fn not_run(name: &str, run: &PeerRun, columns: usize) -> Vec<String> {
    let name = name.replace(" {numpy}", "").replace(" {torch}", "");
    let mut row = vec![
        name,
        format!("not run: {}", run.error.as_deref().unwrap_or("?")),
    ];
    row.resize(columns, "-".to_owned());
    row
}

/// `1 thread`, `2 threads`.
fn plural_noun(count: usize, noun: &str) -> String {
    match count {
        1 => format!("1 {noun}"),
        n => format!("{n} {noun}s"),
    }
}

/// `1 run`, `median of 5 runs`.
fn plural(count: usize, noun: &str) -> String {
    match count {
        1 => format!("1 {noun}"),
        n => format!("median of {n} {noun}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peer_rows_say_how_much_faster_we_are() {
        let record = PeerRecord {
            peer: "torch".to_owned(),
            torch: Some("2.15.0".to_owned()),
            total_s: Some(6.6),
            steps_s: Some(5.0),
            eval_s: Some(1.6),
            samples_per_s: Some(200_000.0),
            test_acc: Some(0.9412),
            runs: Some(vec![6.5, 6.6, 7.0]),
            threads: Some(2),
            ..PeerRecord::default()
        };
        let row = peer_row("PyTorch {torch} CPU, float32", &record, 2.2);
        assert_eq!(
            row[0],
            "PyTorch 2.15.0 CPU, float32, 2 threads (median of 3 runs)"
        );
        assert_eq!(row[1..5], ["6.60 s", "5.00 s", "1.60 s", "200,000"]);
        assert_eq!(row[6], "3.0x faster");
    }

    #[test]
    fn a_missing_peer_says_why() {
        let run = PeerRun {
            command: "python3 bench/peers/twolayer_torch.py".to_owned(),
            record: None,
            error: Some("torch is not installed".to_owned()),
        };
        let row = not_run("PyTorch {torch} CPU, float32", &run, 4);
        assert_eq!(
            row,
            [
                "PyTorch CPU, float32",
                "not run: torch is not installed",
                "-",
                "-"
            ]
        );
    }
}
