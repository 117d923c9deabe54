//! The figures as files: each SVG parses as XML and holds the marks its
//! data says it should (324 arrows, 21 points per path, ...); the sweep of
//! loss-vs-accuracy on a small network; the --only names.

use nalgebra::DMatrix;
use rand::SeedableRng;
use rand::rngs::ChaCha12Rng;
use twolayer::{Activation, TwoLayerNet};

use super::*;

/// The elements named `tag` whose attribute `attr` is `value`.
fn count(svg: &str, tag: &str, attr: &str, value: &str) -> usize {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name(tag) && n.attribute(attr) == Some(value))
        .count()
}

/// The polylines of colour `stroke`, by their number of points.
fn polyline_sizes(svg: &str, stroke: &str) -> Vec<usize> {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    doc.descendants()
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
    let doc = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").trim().to_owned())
        .collect()
}

const BLUE: &str = "#1F77B4";
const ORANGE: &str = "#FF7F0E";

#[test]
fn the_gradient_field_draws_324_arrows() -> anyhow::Result<()> {
    let figure = field::gradient_field_figure()?;
    let arrows = polyline_sizes(&figure.svg, BLUE)
        .into_iter()
        .filter(|&points| points == 5)
        .count();
    assert_eq!(arrows, 324);
    assert!(texts(&figure.svg).iter().any(|t| t.contains("figure 4-9")));
    assert!(texts(&figure.svg).iter().any(|t| t == "x0"));
    Ok(())
}

#[test]
fn the_descent_panels_draw_21_points_each() -> anyhow::Result<()> {
    let figure = descent_paths::gradient_descent_figure()?;
    // 21 points in the lr 0.1 panel, 21 in the lr 1e-10 panel, one legend
    // dot each; lr 10's 21 distances in orange.
    assert_eq!(count(&figure.svg, "circle", "fill", BLUE), 2 * 21 + 2);
    assert_eq!(count(&figure.svg, "circle", "fill", ORANGE), 21);
    assert!(
        figure.printout.starts_with("21 points"),
        "{}",
        figure.printout
    );
    Ok(())
}

#[test]
fn the_curves_have_their_points_and_the_tangent_its_slopes() -> anyhow::Result<()> {
    let figure = curves::function_1_figure()?;
    assert_eq!(polyline_sizes(&figure.svg, BLUE), [201]);
    let figure = curves::tangent_figure()?;
    let legend = texts(&figure.svg).join("\n");
    assert!(legend.contains("slope 0.1999999999990898"), "{legend}");
    assert!(legend.contains("slope 0.2999999999986347"), "{legend}");
    let figure = curves::activations_figure()?;
    let mut sizes: Vec<usize> = ["#2CA02C", BLUE, "#D62728"]
        .iter()
        .flat_map(|color| polyline_sizes(&figure.svg, color))
        .filter(|&points| points > 2)
        .collect();
    sizes.sort_unstable();
    assert_eq!(sizes.len(), 3, "step, sigmoid, ReLU");
    Ok(())
}

#[test]
fn the_rounding_error_plot_has_one_dot_per_nonzero_error() -> anyhow::Result<()> {
    let errors = data::rounding_errors();
    let figure = curves::rounding_error_figure()?;
    let forward = errors.iter().filter(|e| e.forward > 0.0).count();
    let central = errors.iter().filter(|e| e.central > 0.0).count();
    assert_eq!(count(&figure.svg, "circle", "fill", ORANGE), forward + 1);
    assert_eq!(count(&figure.svg, "circle", "fill", BLUE), central + 1);
    assert!(
        figure.printout.contains("h = 1e-50 gives 0.0"),
        "{}",
        figure.printout
    );
    Ok(())
}

#[test]
fn the_saddle_and_plateau_paths_are_drawn_point_by_point() -> anyhow::Result<()> {
    let figure = descent_paths::saddle_and_plateau_figure()?;
    let (saddle, plateau) = (data::SADDLE.2 + 1, data::PLATEAU.2 + 1);
    assert_eq!(
        count(&figure.svg, "circle", "fill", BLUE),
        saddle + plateau + 2
    );
    assert_eq!(
        count(&figure.svg, "circle", "fill", ORANGE),
        saddle + plateau
    );
    Ok(())
}

#[test]
fn the_surface_is_a_grid_of_faces() -> anyhow::Result<()> {
    let figure = field::surface_figure()?;
    let doc_faces = roxmltree::Document::parse(&figure.svg)?
        .descendants()
        .filter(|n| n.has_tag_name("polygon"))
        .count();
    assert!(doc_faces >= 24 * 24, "{doc_faces} faces");
    assert!(texts(&figure.svg).iter().any(|t| t == "f(x0, x1)"));
    Ok(())
}

/// A random 784-50-10 network and 100 random "images": the sweep's
/// properties hold for any network and batch.
fn small_net_and_batch() -> (TwoLayerNet<f64>, DMatrix<f64>, Vec<usize>) {
    let mut rng = ChaCha12Rng::seed_from_u64(7);
    let mut net = TwoLayerNet::<f64>::new(784, 50, 10, 0.5, Activation::Sigmoid, &mut rng);
    net.params.w2 *= 4.0;
    let x = DMatrix::from_fn(100, 784, |n, d| ((n * 31 + d * 17) % 256) as f64 / 255.0);
    let t: Vec<usize> = (0..100).map(|n| (n * 7) % 10).collect();
    (net, x, t)
}

#[test]
fn the_loss_sweep_is_continuous_and_the_accuracy_a_staircase() -> anyhow::Result<()> {
    let (net, x, t) = small_net_and_batch();
    let weight = loss_accuracy::strongest_weight(&net);
    let sweep = loss_accuracy::sweep(&net, &x, &t, weight, &loss_accuracy::offsets());
    assert_eq!(sweep.values.len(), 401);
    // The loss is continuous, and more: Lipschitz with constant 1 in any
    // weight of W2, since dL/dW2[j][k] = mean over n of z1[n][j] (y[n][k] -
    // t'[n][k]) with 0 < z1 < 1 (sigmoid) and |y - t'| <= 1 (t' the one-hot
    // target scaled by y_t / (y_t + 1e-7)). Neighbours 0.1 apart therefore
    // differ by at most 0.1.
    let largest_step = sweep
        .loss
        .windows(2)
        .map(|w| (w[1] - w[0]).abs())
        .fold(0.0, f64::max);
    assert!(
        largest_step <= 0.1 + 1e-12,
        "the loss jumps by {largest_step}"
    );
    assert!(
        loss_accuracy::distinct(&sweep.loss) > 300,
        "the loss moves everywhere"
    );
    // The accuracy: only k / 100, flat between jumps.
    for &accuracy in &sweep.accuracy {
        let k = accuracy * 100.0;
        assert!(
            (k - k.round()).abs() < 1e-9,
            "accuracy {accuracy} is not k/100"
        );
    }
    assert!(loss_accuracy::flat_share(&sweep.accuracy) > 0.5);
    // The trained value is the sweep's middle point.
    assert_eq!(sweep.values[200], sweep.trained);
    let figure = loss_accuracy::loss_vs_accuracy_figure(&sweep, 100, "a random net")?;
    assert!(
        texts(&figure.svg)
            .iter()
            .any(|t| t.contains("steps of 1/100"))
    );
    Ok(())
}

#[test]
fn only_names_the_valid_figures() {
    assert_eq!(figure_name("tangent"), Ok("tangent"));
    let error = figure_name("tangents").expect_err("an unknown name");
    for name in NAMES {
        assert!(error.contains(name), "{error}");
    }
}

#[test]
fn the_index_has_a_section_per_figure() -> anyhow::Result<()> {
    let figures = [curves::function_1_figure()?, curves::tangent_figure()?];
    let md = index_md(&figures);
    assert!(md.contains("## function-1\n\n![function-1](function-1.svg)"));
    assert!(md.contains("## tangent\n"));
    assert!(md.contains("0.1999999999990898"));
    Ok(())
}
