//! `cargo xtask bench --scaling`: the grid of `benchsuite::scaling` on the
//! real data, its tables on stdout, its report in the `--json` file and
//! `scaling.svg` beside it.

use std::path::{Path, PathBuf};

use benchsuite::{ScalingOptions, run_scaling};

use super::{Args, command_line, json_path, peer_options, write_report};
use crate::data;

/// The plot's file: `scaling.svg` in the report's folder.
pub fn svg_path(json_path: &Path) -> PathBuf {
    json_path.with_file_name("scaling.svg")
}

/// Times the grid, prints its tables and writes the report and the plot:
/// an explicit `--json` path and its `scaling.svg` are never replaced
/// without `--force` (checked before anything runs, and again on writing).
pub fn run(args: &Args, date_utc: String) -> anyhow::Result<()> {
    let mnist = data::load(&args.fetch, data::Needs::Both)?;
    let (train, test) = (mnist.train()?, mnist.test()?);
    let options = ScalingOptions {
        hidden: ScalingOptions::HIDDEN.to_vec(),
        batch: ScalingOptions::BATCH.to_vec(),
        min_time_s: ScalingOptions::MIN_TIME_S,
        peers: args.peers.then(|| peer_options(args)),
        command: command_line(&mnist.dir),
        date_utc,
    };
    let report = run_scaling(options, &mnist.dir, &train, &test, &mut |event| {
        eprintln!("{event}");
    })?;
    print!("\n{}", report.markdown());

    let json_path = json_path(args);
    let svg_path = svg_path(&json_path);
    let svg = benchsuite::scaling::svg::scaling_svg(&report)?;
    let json = serde_json::to_string_pretty(&report)? + "\n";
    let files = vec![
        (json_path.clone(), json.into_bytes()),
        (svg_path.clone(), svg.into_bytes()),
    ];
    write_report(args, &json_path, files)?;
    for path in [&json_path, &svg_path] {
        println!("wrote {}", path.display());
    }
    Ok(())
}
