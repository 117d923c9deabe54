//! A shape error points at the caller's line (`#[track_caller]`), not at a
//! line inside the crate: the message names the shapes, the location the call.

use std::panic;
use std::sync::Mutex;

use losses::{Targets, cross_entropy_error};
use nalgebra::DMatrix;

/// Where each panic happened: file and line.
static PANICS: Mutex<Vec<(String, u32)>> = Mutex::new(Vec::new());

#[test]
fn a_shape_error_names_the_callers_line() {
    panic::set_hook(Box::new(|info| {
        if let Some(location) = info.location() {
            let mut panics = PANICS.lock().unwrap_or_else(|e| e.into_inner());
            panics.push((location.file().to_owned(), location.line()));
        }
    }));
    let (y, t) = (DMatrix::<f64>::zeros(2, 3), DMatrix::<f64>::zeros(2, 4));
    let (loss, loss_line) = (panic::catch_unwind(|| cross_entropy_error(&y, &t)), line!());
    let targets = Targets::OneHot(&t);
    let (accuracy, accuracy_line) = (panic::catch_unwind(|| targets.accuracy(&y)), line!());
    drop(panic::take_hook());
    assert!(loss.is_err() && accuracy.is_err());
    let here = file!().to_owned();
    assert_eq!(
        *PANICS.lock().unwrap(),
        [(here.clone(), loss_line), (here, accuracy_line)]
    );
}
