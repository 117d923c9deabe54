//! The figures as SVG: each parses as XML and holds the marks its data says
//! it should (324 arrows, 21 points per path, ...).

use studies::activations::{activation_curves, sigmoid_with_derivative, step_with_derivative};
use studies::descent_paths::{PLATEAU, SADDLE, book_descents, plateau_descent, saddle_descent};
use studies::gradient_field::{function_2_surface, gradient_field};
use studies::loss_sweep::Sweep;
use studies::rounding_error::rounding_error;
use studies::tangent::{function_1_curve, function_1_tangents};

use super::*;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn parse(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg).expect("the SVG is well-formed XML")
}

/// The elements named `tag` whose attribute `attr` is `value`.
fn count(svg: &str, tag: &str, attr: &str, value: &str) -> usize {
    parse(svg)
        .descendants()
        .filter(|n| n.has_tag_name(tag) && n.attribute(attr) == Some(value))
        .count()
}

/// The polylines of colour `stroke`, by their number of points.
fn polyline_sizes(svg: &str, stroke: &str) -> Vec<usize> {
    parse(svg)
        .descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke") == Some(stroke))
        .map(|n| {
            n.attribute("points")
                .unwrap_or("")
                .split_whitespace()
                .count()
        })
        .collect()
}

/// All the text of the SVG, one string per `<text>`.
fn texts(svg: &str) -> Vec<String> {
    parse(svg)
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").trim().to_owned())
        .collect()
}

const BLUE: &str = "#1F77B4";
const ORANGE: &str = "#FF7F0E";

#[test]
fn the_gradient_field_draws_324_arrows() -> TestResult {
    let svg = gradient_field_svg(&gradient_field())?;
    let arrows = polyline_sizes(&svg, BLUE)
        .into_iter()
        .filter(|&points| points == 5)
        .count();
    assert_eq!(arrows, 324);
    assert!(texts(&svg).iter().any(|t| t.contains("figure 4-9")));
    assert!(texts(&svg).iter().any(|t| t == "x0"));
    Ok(())
}

#[test]
fn the_descent_panels_draw_21_points_each() -> TestResult {
    let svg = gradient_descent_svg(&book_descents(20))?;
    // 21 points in each of the three panels, one legend dot each.
    assert_eq!(count(&svg, "circle", "fill", BLUE), 3 * 21 + 3);
    for caption in [
        "lr = 0.1: to the minimum",
        "lr = 10: diverges",
        "lr = 1e-10: does not move",
    ] {
        assert!(texts(&svg).iter().any(|t| t == caption), "no {caption:?}");
    }
    assert!(texts(&svg).iter().any(|t| t.contains("figure 4-10")));
    assert!(
        svg.contains("the gradient is 0 (after step 10)"),
        "lr 10 stalls"
    );
    Ok(())
}

/// The drawn points of a run, step `k` at index `k`.
fn run(points: &[[f64; 2]]) -> DescentPanel {
    DescentPanel::every_point("", points)
}

#[test]
fn the_run_plot_names_f_lr_and_axes_and_survives_overflow() -> TestResult {
    let inside = [[-3.0, 4.0], [-2.4, 3.2], [0.0, 0.0]];
    let svg = descent_run_svg(run(&inside), 2, "0.1", "[0., 0.]", None)?;
    for text in [
        "x0² + x1², lr = 0.1",
        ">\nx0\n<",
        ">\nx1\n<",
        "book&apos;s window",
    ] {
        assert!(svg.contains(text), "the plot lacks {text:?}");
    }
    let outside = [[-3.0, 4.0], [57.0, -76.0], [f64::INFINITY, f64::NAN]];
    let svg = descent_run_svg(run(&outside), 2, "10", "[inf, nan]", None)?;
    assert!(svg.contains("symmetric log scale"), "{svg}");
    assert!(svg.contains("1 point overflowed"), "{svg}");
    let stalled = [[-3.0, 4.0], [1.0, 1.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0]];
    let svg = descent_run_svg(run(&stalled), 4, "0.5", "[0., 0.]", None)?;
    assert!(
        svg.contains("x stops moving after step 2: the last 3 points coincide"),
        "{svg}"
    );
    let long = DescentPanel {
        caption: String::new(),
        points: (0..100_000)
            .step_by(128)
            .map(|step| (step, [-3.0 * 0.9_f64.powi(step as i32), 4.0]))
            .chain([(100_000, [0.0, 4.0])])
            .collect(),
    };
    let note = "sampled: every 128th of 100001 points drawn".to_owned();
    let svg = descent_run_svg(long, 100_000, "0.1", "[0., 4.]", Some(note))?;
    assert!(svg.contains("from (-3, 4), 100000 steps"), "{svg}");
    assert!(
        svg.contains("sampled: every 128th of 100001 points drawn (and the end)"),
        "{svg}"
    );
    Ok(())
}

#[test]
fn the_curves_have_their_points_and_the_tangent_its_slopes() -> TestResult {
    let curve = function_1_curve();
    let svg = function_1_svg(&curve)?;
    assert_eq!(polyline_sizes(&svg, BLUE), [201]);
    let svg = tangent_svg(&curve, &function_1_tangents(&[5.0, 10.0]))?;
    let legend = texts(&svg).join("\n");
    assert!(legend.contains("slope 0.1999999999990898"), "{legend}");
    assert!(legend.contains("slope 0.2999999999986347"), "{legend}");
    let svg = activations_svg(&activation_curves())?;
    let mut sizes: Vec<usize> = ["#2CA02C", BLUE, "#D62728"]
        .iter()
        .flat_map(|color| polyline_sizes(&svg, color))
        .filter(|&points| points > 2)
        .collect();
    sizes.sort_unstable();
    assert_eq!(sizes.len(), 3, "step, sigmoid, ReLU");
    Ok(())
}

#[test]
fn the_rounding_error_plot_has_one_dot_per_nonzero_error() -> TestResult {
    let study = rounding_error();
    let svg = rounding_error_svg(&study)?;
    let forward = study.errors.iter().filter(|e| e.forward > 0.0).count();
    let central = study.errors.iter().filter(|e| e.central > 0.0).count();
    assert_eq!(count(&svg, "circle", "fill", ORANGE), forward + 1);
    assert_eq!(count(&svg, "circle", "fill", BLUE), central + 1);
    assert!(svg.contains("the quotient is 0.0"), "{svg}");
    Ok(())
}

#[test]
fn the_saddle_and_plateau_paths_are_drawn_point_by_point() -> TestResult {
    let svg = saddle_and_plateau_svg(&saddle_descent(), &plateau_descent())?;
    let (saddle, plateau) = (SADDLE.2 + 1, PLATEAU.2 + 1);
    assert_eq!(count(&svg, "circle", "fill", BLUE), saddle + plateau + 2);
    assert_eq!(count(&svg, "circle", "fill", ORANGE), saddle + plateau);
    Ok(())
}

#[test]
fn the_surface_is_a_grid_of_faces() -> TestResult {
    let svg = surface_svg(&function_2_surface())?;
    let faces = parse(&svg)
        .descendants()
        .filter(|n| n.has_tag_name("polygon"))
        .count();
    assert!(faces >= 24 * 24, "{faces} faces");
    assert!(texts(&svg).iter().any(|t| t == "f(x0, x1)"));
    Ok(())
}

#[test]
fn the_loss_sweep_names_its_staircase() -> TestResult {
    let values: Vec<f64> = (0..=8).map(f64::from).collect();
    let sweep = Sweep {
        weight: (3, 7),
        trained: 4.0,
        loss: values
            .iter()
            .map(|v| 1.0 + (v - 4.0).powi(2) / 16.0)
            .collect(),
        accuracy: values
            .iter()
            .map(|v| if *v < 4.0 { 0.5 } else { 0.52 })
            .collect(),
        values,
    };
    let svg = loss_vs_accuracy_svg(&LossVsAccuracy {
        sweep: &sweep,
        batch: 100,
        source: "a made-up sweep",
        step: &step_with_derivative(),
        sigmoid: &sigmoid_with_derivative(),
    })?;
    let texts = texts(&svg);
    assert!(texts.iter().any(|t| t.contains("steps of 1/100")));
    assert!(texts.iter().any(|t| t.contains("W2[3][7]")));
    assert!(texts.iter().any(|t| t.contains("takes 2 values")));
    Ok(())
}
