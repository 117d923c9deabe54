//! `bench`'s flags (the peers' thread counts, what `--json` may replace).

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
