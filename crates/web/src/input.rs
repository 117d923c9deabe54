//! The checks of every request input: a JSON body or a path segment is
//! turned into typed values, or into a message naming the field at fault
//! (sent with 400 Bad Request).

use serde_json::{Map, Value};

/// `body` as a JSON object.
pub fn object(body: &[u8]) -> Result<Map<String, Value>, String> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(fields)) => Ok(fields),
        Ok(_) => Err("the body must be a JSON object".to_owned()),
        Err(error) => Err(format!("the body is not valid JSON: {error}")),
    }
}

/// Refuses a field not in `known`, naming every such field.
pub fn only(fields: &Map<String, Value>, known: &[&str]) -> Result<(), String> {
    let unknown: Vec<String> = fields
        .keys()
        .filter(|name| !known.contains(&name.as_str()))
        .map(|name| format!("`{name}`"))
        .collect();
    if unknown.is_empty() {
        return Ok(());
    }
    let known: Vec<String> = known.iter().map(|name| format!("`{name}`")).collect();
    Err(format!(
        "unknown field{} {}: expected {}",
        if unknown.len() == 1 { "" } else { "s" },
        unknown.join(", "),
        known.join(", ")
    ))
}

/// The `pixels` field: exactly `len` numbers in `0..=255` (row-major
/// greyscale, 0 background, 255 ink), scaled to `x = pixel / 255`.
pub fn pixels(fields: &Map<String, Value>, len: usize) -> Result<Vec<f32>, String> {
    let Some(value) = fields.get("pixels") else {
        return Err(format!(
            "`pixels` is missing: expected {len} numbers in 0..=255"
        ));
    };
    let Value::Array(values) = value else {
        return Err(format!(
            "`pixels` must be an array of {len} numbers in 0..=255"
        ));
    };
    if values.len() != len {
        return Err(format!(
            "`pixels` has {} values; expected {len} (28x28, row-major)",
            values.len()
        ));
    }
    values
        .iter()
        .enumerate()
        .map(|(i, value)| match value.as_f64() {
            Some(pixel) if (0.0..=255.0).contains(&pixel) => Ok((pixel / 255.0) as f32),
            // The number as sent (`-1e-300`), not expanded to all its digits.
            Some(_) => Err(format!("`pixels[{i}]` is {value}: expected 0..=255")),
            None => Err(format!(
                "`pixels[{i}]` is {value}: expected a number in 0..=255"
            )),
        })
        .collect()
}

/// A path segment `name` as an index below `len`.
pub fn index(name: &str, segment: &str, len: usize) -> Result<usize, String> {
    segment
        .parse::<usize>()
        .ok()
        .filter(|&i| i < len)
        .ok_or_else(|| format!("`{name}` is {segment:?}: expected an integer in 0..{len}"))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn fields(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(fields) => fields,
            _ => Map::new(),
        }
    }

    #[test]
    fn pixels_are_scaled_and_checked_one_by_one() {
        let ok = fields(json!({"pixels": [0, 255, 127.5]}));
        assert_eq!(pixels(&ok, 3), Ok(vec![0.0, 1.0, 0.5]));
        for (body, expected) in [
            (json!({}), "`pixels` is missing"),
            (json!({"pixels": "no"}), "`pixels` must be an array"),
            (
                json!({"pixels": [1, 2]}),
                "`pixels` has 2 values; expected 3",
            ),
            (json!({"pixels": [1, 256, 3]}), "`pixels[1]` is 256"),
            (json!({"pixels": [1, 2, -1]}), "`pixels[2]` is -1"),
            (
                json!({"pixels": [1, 2, -1e-300]}),
                "`pixels[2]` is -1e-300: ",
            ),
            (json!({"pixels": [1e300, 2, 3]}), "`pixels[0]` is 1e+300: "),
            (json!({"pixels": [1, "x", 3]}), "`pixels[1]` is \"x\""),
            (json!({"pixels": [null, 2, 3]}), "`pixels[0]` is null"),
        ] {
            let error = pixels(&fields(body.clone()), 3).expect_err("refused");
            assert!(error.contains(expected), "{body}: {error}");
        }
    }

    #[test]
    fn unknown_fields_are_named() {
        assert_eq!(only(&fields(json!({"iters": 5})), &["iters"]), Ok(()));
        assert_eq!(
            only(
                &fields(json!({"bogus": 1, "iters": 5})),
                &["activation", "iters"]
            ),
            Err("unknown field `bogus`: expected `activation`, `iters`".to_owned())
        );
        let error = only(&fields(json!({"a": 1, "b": 2})), &[]).expect_err("refused");
        assert!(error.starts_with("unknown fields `a`, `b`"), "{error}");
    }

    #[test]
    fn indices_are_bounded() {
        assert_eq!(index("unit", "49", 50), Ok(49));
        for bad in ["50", "-1", "x", ""] {
            assert!(index("unit", bad, 50).is_err(), "{bad}");
        }
    }
}
