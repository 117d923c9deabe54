//! The command's own parts: the --only names and index.md. (The figures'
//! numbers are tested in `studies`, their drawings in `plots`.)

use super::*;

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
    let figures = [figure::function_1()?, figure::tangent()?];
    let md = index_md(&figures);
    assert!(md.contains("## function-1\n\n![function-1](function-1.svg)"));
    assert!(md.contains("## tangent\n"));
    assert!(md.contains("0.1999999999990898"));
    Ok(())
}

#[test]
fn the_printouts_carry_the_figures_numbers() -> anyhow::Result<()> {
    let descent = figure::gradient_descent()?;
    assert!(
        descent.printout.starts_with("21 points"),
        "{}",
        descent.printout
    );
    let rounding = figure::rounding_error()?;
    assert!(
        rounding.printout.contains("h = 1e-50 gives 0.0"),
        "{}",
        rounding.printout
    );
    Ok(())
}
