#![doc = include_str!("../README.md")]

mod book_functions;
mod derivative;
mod descent;
mod diagnosis;
mod gradient;
mod gradient_diff;
mod step_size;

pub use book_functions::{function_1, function_1_derivative, function_2};
pub use derivative::{H, Tangent, numerical_diff, tangent_line};
pub use descent::{Descent, gradient_descent, gradient_descent_each};
pub use diagnosis::{AGREEMENT, CheckContext, Diagnosis, ROUNDINGS, diagnose};
pub use gradient::{
    KINK_SHARE, numerical_gradient, numerical_gradient_rows, numerical_gradient_with_kinks,
};
pub use gradient_diff::{GradientDiff, TINY};
pub use step_size::{DifferenceError, central_difference, difference_errors, forward_difference};
