//! `bench`'s flags (the peers' thread counts, what `--json` may replace)
//! and `scaling.svg` (parsed as XML, its lines counted).

use std::path::PathBuf;

use benchsuite::ScalingReport;
use benchsuite::machine::Machine;
use benchsuite::scaling::timing::Timing;
use benchsuite::scaling::{EvaluationCell, StepCell};
use clap::Parser;

use super::*;

/// `bench`'s flags alone, for parsing.
#[derive(Debug, Parser)]
struct Cli {
    #[command(flatten)]
    args: Args,
}

fn parse(flags: &[&str]) -> Result<Args, clap::Error> {
    Cli::try_parse_from(std::iter::once("bench").chain(flags.iter().copied())).map(|cli| cli.args)
}

#[test]
fn bench_runs_torch_at_1_and_2_threads_unless_restricted() -> anyhow::Result<()> {
    let options = peer_options(&parse(&["--peers"])?);
    assert_eq!(
        (options.torch_threads, options.numpy_threads),
        (vec![1, 2], None)
    );
    let options = peer_options(&parse(&["--peers", "--peer-threads", "1"])?);
    assert_eq!(
        (options.torch_threads, options.numpy_threads),
        (vec![1], Some(1))
    );
    let options = peer_options(&parse(&["--peers", "--peer-threads", "2,4"])?);
    assert_eq!(
        (options.torch_threads, options.numpy_threads),
        (vec![2, 4], None)
    );
    assert!(parse(&["--peer-threads", "0"]).is_err());
    Ok(())
}

#[test]
fn bench_scaling_keeps_an_existing_plot_unless_forced() -> anyhow::Result<()> {
    let tmp = tempfile::tempdir()?;
    let json = tmp.path().join("mine.json");
    let json_flag = json.to_str().unwrap_or_default();
    std::fs::write(tmp.path().join("scaling.svg"), b"my plot")?;
    let refused = check_flags(&parse(&["--scaling", "--json", json_flag])?);
    assert!(
        refused.is_err_and(|error| error.to_string().contains("scaling.svg exists")),
        "an existing scaling.svg is replaced"
    );
    assert!(check_flags(&parse(&["--scaling", "--json", json_flag, "--force"])?).is_ok());
    // Without --scaling there is no plot to keep.
    assert!(check_flags(&parse(&["--json", json_flag])?).is_ok());
    assert_eq!(scaling::svg_path(&json), tmp.path().join("scaling.svg"));
    assert!(parse(&["--scaling", "--runs", "2"]).is_err());
    Ok(())
}

/// A grid of hidden 50 and 800, batch 100 and 1000, without PyTorch.
fn report() -> ScalingReport {
    let timing = |median_s: f64| Timing {
        median_s,
        calls: 3,
        total_s: 3.0 * median_s,
    };
    let step = |hidden, batch, ours, dense| StepCell {
        hidden,
        batch,
        ours: timing(ours),
        dense: timing(dense),
    };
    ScalingReport {
        machine: Machine {
            cpu: "test CPU".to_owned(),
            cores: 2,
            load_average: "0.00 0.00 0.00".to_owned(),
            os: "linux x86_64".to_owned(),
            rustc: "rustc 1.95.0".to_owned(),
            nalgebra: "0.35.0".to_owned(),
            workspace: "0.1.0",
            date_utc: "2026-01-01T00-00-00".to_owned(),
        },
        input_output: (784, 10),
        images: 70_000,
        min_time_s: 0.3,
        mnist_dir: PathBuf::from("/data").display().to_string(),
        command: "cargo xtask bench --scaling".to_owned(),
        steps: vec![
            step(50, 100, 1e-4, 5e-4),
            step(50, 1000, 1e-3, 3e-3),
            step(800, 100, 2e-3, 4e-3),
            step(800, 1000, 3e-2, 2e-2),
        ],
        evaluations: vec![
            EvaluationCell {
                hidden: 50,
                ours: timing(0.007),
                dense: timing(0.07),
            },
            EvaluationCell {
                hidden: 800,
                ours: timing(0.1),
                dense: timing(0.9),
            },
        ],
        torch: None,
    }
}

#[test]
fn bench_scaling_svg_has_both_panels_and_every_line() -> anyhow::Result<()> {
    let svg = plot::scaling_svg(&report())?;
    let doc = roxmltree::Document::parse(&svg)?;
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|node| node.has_tag_name("text"))
        .filter_map(|node| node.text())
        .map(str::trim)
        .collect();
    for text in [
        "One training step, per sample of the batch",
        "One evaluation pass of 70000 images, per image",
        "this project, batch 1000",
        "dense reference",
        "hidden units (log scale)",
    ] {
        assert!(texts.contains(&text), "no {text:?} in {texts:?}");
    }
    // 4 step lines and 2 evaluation lines, each with its 2 dots.
    let dots = doc
        .descendants()
        .filter(|node| node.has_tag_name("circle"))
        .count();
    assert_eq!(dots, 12);
    Ok(())
}
