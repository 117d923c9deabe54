//! The training plots: text without fonts, empty runs, sampled runs, comparisons.

use super::*;

fn sampled(losses: &[f64], cap: usize) -> Sampled<f64> {
    let mut sampled = Sampled::new(cap);
    for (i, &loss) in losses.iter().enumerate() {
        sampled.push(i, loss);
    }
    sampled
}

#[test]
fn a_long_run_is_drawn_from_a_sample_and_says_so() -> anyhow::Result<()> {
    let losses: Vec<f64> = (0..10_000).map(|i| 2.0 / f64::from(i + 1)).collect();
    let svg = loss_svg(&sampled(&losses, 1000))?;
    assert!(
        svg.contains("sampled: every 16th of 10000 iterations drawn"),
        "no note"
    );
    Ok(())
}

#[test]
fn text_renders_without_a_font_backend() -> anyhow::Result<()> {
    let svg = loss_svg(&sampled(&[2.3, 1.5, f64::NAN, 0.5], 100))?;
    for text in [
        "Training loss",
        ">\niteration\n<",
        ">\nloss\n<",
        "moving average",
    ] {
        assert!(svg.contains(text), "loss.svg lacks {text:?}");
    }
    let epochs = [
        EpochStats {
            epoch: 0,
            iteration: 0,
            train_acc: 0.1,
            test_acc: 0.12,
        },
        EpochStats {
            epoch: 1,
            iteration: 600,
            train_acc: 0.8,
            test_acc: 0.79,
        },
    ];
    let svg = accuracy_svg(&epochs)?;
    for text in [
        "Accuracy per epoch",
        ">\nepoch\n<",
        ">\naccuracy\n<",
        "train acc",
        "test acc",
    ] {
        assert!(svg.contains(text), "accuracy.svg lacks {text:?}");
    }
    Ok(())
}

#[test]
fn empty_runs_still_plot() -> anyhow::Result<()> {
    assert!(loss_svg(&sampled(&[], 100))?.contains("<svg"));
    assert!(accuracy_svg(&[])?.contains("<svg"));
    Ok(())
}

#[test]
fn runs_compare_on_one_plot() -> anyhow::Result<()> {
    let epochs = vec![
        EpochStats {
            epoch: 0,
            iteration: 0,
            train_acc: 0.1,
            test_acc: 0.12,
        },
        EpochStats {
            epoch: 1,
            iteration: 600,
            train_acc: 0.8,
            test_acc: 0.79,
        },
    ];
    let svg = compare_accuracy_svg(&[
        ("backprop".to_owned(), epochs.clone()),
        ("numerical".to_owned(), epochs),
    ])?;
    for text in [
        "accuracy per epoch",
        ">\nepoch\n<",
        ">\naccuracy\n<",
        "backprop train",
        "backprop test",
        "numerical train",
        "numerical test",
    ] {
        assert!(svg.contains(text), "the comparison lacks {text:?}");
    }
    assert!(compare_accuracy_svg(&[])?.contains("<svg"));
    Ok(())
}

#[test]
fn moving_average_is_trailing() {
    let points = [(0.0, 1.0), (1.0, 3.0), (2.0, 5.0)];
    assert_eq!(
        moving_average(&points, 2),
        vec![(0.0, 1.0), (1.0, 2.0), (2.0, 4.0)]
    );
}
