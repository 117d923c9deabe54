//! Each figure of `cargo xtask figures`: its study (from `studies`), its
//! drawing (from `plots::figures`), the line printed for it and its
//! paragraph in index.md.

use plots::figures as draw;
use studies::{activations, descent_paths, gradient_field, rounding_error, tangent};

/// One figure: its name (file `<name>.svg`), the SVG, the line printed for
/// it and its paragraph in index.md.
#[derive(Debug)]
pub struct Figure {
    /// Its name and file stem.
    pub name: &'static str,
    /// The drawing.
    pub svg: String,
    /// The numbers it is built from, on one line.
    pub printout: String,
    /// What to look at, for index.md.
    pub index: String,
}

/// `function-1`: y = 0.01x² + 0.1x on [0, 20] (figure 4-6).
pub fn function_1() -> anyhow::Result<Figure> {
    Ok(Figure {
        name: "function-1",
        svg: draw::function_1_svg(&tangent::function_1_curve())?,
        printout: "f(x) = 0.01x^2 + 0.1x on 0 <= x <= 20, 201 points; f(20) = 6".to_owned(),
        index: "The book's function_1, a gentle parabola: the function whose derivative \
                the next two figures take numerically."
            .to_owned(),
    })
}

/// `tangent`: function_1 with its tangents at x = 5 and x = 10 (figure 4-7).
pub fn tangent() -> anyhow::Result<Figure> {
    let tangents = tangent::function_1_tangents(&[5.0, 10.0]);
    let (slope_5, slope_10) = (tangents[0].slope, tangents[1].slope);
    Ok(Figure {
        name: "tangent",
        svg: draw::tangent_svg(&tangent::function_1_curve(), &tangents)?,
        printout: format!("slope at x = 5: {slope_5:?}, at x = 10: {slope_10:?}"),
        index: "The numerical derivative as the slope of a tangent: at x = 5 and x = 10 the \
                central difference gives 0.1999999999990898 and 0.2999999999986347, the exact \
                0.2 and 0.3 up to rounding."
            .to_owned(),
    })
}

/// `function-2-surface`: the bowl x0² + x1² on [-3, 3]² (figure 4-8).
pub fn surface() -> anyhow::Result<Figure> {
    let surface = gradient_field::function_2_surface();
    Ok(Figure {
        name: "function-2-surface",
        svg: draw::surface_svg(&surface)?,
        printout: format!(
            "f(x0, x1) = x0^2 + x1^2 on [-3, 3]^2, a {0} x {0} grid; f(0, 0) = 0, f(3, 3) = 18",
            surface.axis.len()
        ),
        index: "The bowl x0² + x1² in three dimensions: one minimum, at the origin, \
                where every gradient-descent figure below ends."
            .to_owned(),
    })
}

/// `gradient-field`: the negative numerical gradient on the book's 18 x 18
/// grid (figure 4-9).
pub fn gradient_field() -> anyhow::Result<Figure> {
    let field = gradient_field::gradient_field();
    let corner = field[0];
    Ok(Figure {
        name: "gradient-field",
        svg: draw::gradient_field_svg(&field)?,
        printout: format!(
            "{} arrows on -2 <= x0, x1 <= 2.25 step 0.25; -grad f at {:?} = {:?}, at the origin 0",
            field.len(),
            corner.at,
            corner.minus_grad
        ),
        index: "Arrows of the negative gradient: at every point they show the direction in \
                which f falls fastest, longer where f is steeper, all pointing to the minimum."
            .to_owned(),
    })
}

/// `gradient-descent`: lr 0.1, 10 and 1e-10 from (-3, 4) (figure 4-10).
pub fn gradient_descent() -> anyhow::Result<Figure> {
    let paths = descent_paths::book_descents(descent_paths::FIGURE_STEPS);
    let [good, large, small] = &paths;
    Ok(Figure {
        name: "gradient-descent",
        svg: draw::gradient_descent_svg(&paths)?,
        printout: format!(
            "{} points from (-3, 4); lr 0.1 ends at {:?}, lr 10 at {:?}, lr 1e-10 at {:?}",
            good.points.len(),
            good.end(),
            large.end(),
            small.end()
        ),
        index: "The book's gradient_method.py: with lr 0.1 each step shrinks x by 0.8 toward \
                the minimum; a learning rate of 10 throws x ever further out, and 1e-10 never \
                leaves the start."
            .to_owned(),
    })
}

/// `rounding-error`: forward and central difference errors against h
/// (§4.3.1).
pub fn rounding_error() -> anyhow::Result<Figure> {
    let study = rounding_error::rounding_error();
    let at_1e_4 = study.at_book_step();
    Ok(Figure {
        name: "rounding-error",
        svg: draw::rounding_error_svg(&study)?,
        printout: format!(
            "at h = 1e-4: forward error {:e}, central error {:e}; h = 1e-50 gives {:?} \
             (5 + 1e-50 == 5), 1e-50_f32 = {:?}",
            at_1e_4.forward, at_1e_4.central, study.tiny_step_quotient, study.tiny_step_f32
        ),
        index: "The error of the numerical derivative against the step h, both log scales: \
                shrinking h helps until rounding takes over (the V), the central difference is \
                far more accurate than the forward one, and a tiny h such as 1e-50 gives \
                exactly 0."
            .to_owned(),
    })
}

/// `saddle-and-plateau`: descent that stalls where the gradient is nearly
/// zero but the point is no minimum (§4.4.1).
pub fn saddle_and_plateau() -> anyhow::Result<Figure> {
    let (saddle, plateau) = (
        descent_paths::saddle_descent(),
        descent_paths::plateau_descent(),
    );
    let first_loss = plateau.loss.first().copied().unwrap_or(f64::NAN);
    let last_loss = plateau.loss.last().copied().unwrap_or(f64::NAN);
    Ok(Figure {
        name: "saddle-and-plateau",
        svg: draw::saddle_and_plateau_svg(&saddle, &plateau)?,
        printout: format!(
            "saddle: {} points with |x1| < 0.1, end {:?}; plateau: {} steps with a \
             loss change < 0.001, loss {first_loss:.4} -> {last_loss:.2e}",
            saddle.near_x1_axis(),
            saddle
                .path
                .last()
                .copied()
                .unwrap_or(descent_paths::SADDLE.0),
            plateau.flat_steps(),
        ),
        index: "A zero gradient is not always a minimum. Top: on the saddle x0² - x1² the path \
                slides to the origin and crawls there before escaping along x1. Bottom: on the \
                flat rim of the well 1 - exp(-(x0² + x1²)) the loss barely moves for many steps."
            .to_owned(),
    })
}

/// `activations`: step, sigmoid and ReLU on [-5, 5] (§3.2).
pub fn activations() -> anyhow::Result<Figure> {
    Ok(Figure {
        name: "activations",
        svg: draw::activations_svg(&activations::activation_curves())?,
        printout: format!(
            "step(1) = {}, sigmoid(0) = {}, sigmoid'(0) = {}, relu(-1) = 0, relu(3) = 3",
            activations::step_function(1.0),
            tensor_ops::scalar::sigmoid(0.0_f64),
            activations::sigmoid_derivative(0.0)
        ),
        index: "The step function, the sigmoid and ReLU: the sigmoid is a smooth step, which \
                is what lets a gradient flow through it."
            .to_owned(),
    })
}
