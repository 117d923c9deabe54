//! The query strings of the read-only routes: known keys only, each an
//! index below a bound, or a message naming the key at fault.

use std::collections::HashMap;

/// A query string's keys and values.
pub type Query = HashMap<String, String>;

/// Refuses a key not in `known`, naming it and the known ones.
pub fn only(query: &Query, known: &[&str]) -> Result<(), String> {
    let mut unknown: Vec<&str> = query
        .keys()
        .map(String::as_str)
        .filter(|key| !known.contains(key))
        .collect();
    unknown.sort_unstable();
    match unknown.first() {
        None => Ok(()),
        Some(key) => Err(format!(
            "unknown query parameter `{key}`: expected {}",
            known
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// The optional key `name` as an integer in `0..len` (`None` when absent).
pub fn index(query: &Query, name: &str, len: usize) -> Result<Option<usize>, String> {
    query
        .get(name)
        .map(|value| crate::input::index(name, value, len))
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> Query {
        pairs
            .iter()
            .map(|&(k, v)| (k.to_owned(), v.to_owned()))
            .collect()
    }

    #[test]
    fn keys_are_known_and_values_bounded() {
        let q = query(&[("page", "2"), ("true", "7")]);
        assert_eq!(only(&q, &["page", "true", "predicted"]), Ok(()));
        assert_eq!(index(&q, "page", 3), Ok(Some(2)));
        assert_eq!(index(&q, "predicted", 10), Ok(None));
        assert!(index(&q, "page", 2).is_err_and(|m| m.starts_with("`page` is \"2\"")));
        let error = only(&query(&[("pge", "1")]), &["page"]).expect_err("refused");
        assert_eq!(error, "unknown query parameter `pge`: expected `page`");
    }
}
