//! Parsing named choices ("sigmoid", "relu"; `twolayer`'s "epoch", "backprop", ...):
//! one error type and one way to parse them.

/// A name that is not one of the choices of an option, e.g. `--activation tanh`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} {found:?}: expected one of {}", expected.join(", "))]
pub struct ParseChoiceError {
    /// What was being parsed, e.g. "activation".
    pub kind: &'static str,
    /// The text given.
    pub found: String,
    /// The accepted names.
    pub expected: Vec<&'static str>,
}

/// The choice named `s` among `choices` (exact, lowercase names).
///
/// # Examples
///
/// ```
/// let choices = [("sigmoid", 0), ("relu", 1)];
/// assert_eq!(layers::parse_choice("relu", "activation", &choices), Ok(1));
/// let error = layers::parse_choice("tanh", "activation", &choices).unwrap_err();
/// assert_eq!(error.to_string(), r#"unknown activation "tanh": expected one of sigmoid, relu"#);
/// ```
///
/// # Errors
/// [`ParseChoiceError`] naming `kind`, `s` and the choices, if `s` is none of them.
pub fn parse_choice<C: Copy>(
    s: &str,
    kind: &'static str,
    choices: &[(&'static str, C)],
) -> Result<C, ParseChoiceError> {
    choices
        .iter()
        .find(|(name, _)| *name == s)
        .map(|&(_, choice)| choice)
        .ok_or_else(|| ParseChoiceError {
            kind,
            found: s.to_owned(),
            expected: choices.iter().map(|&(name, _)| name).collect(),
        })
}

/// Implements `CHOICES`, `name`, `Display` and `FromStr` (with
/// [`ParseChoiceError`]) for a fieldless enum from its list of names, as for
/// [`Activation`](crate::Activation).
#[macro_export]
macro_rules! named_choices {
    ($type:ident, $kind:literal, [$(($name:literal, $variant:ident)),+ $(,)?]) => {
        impl $type {
            /// Every choice with its name, in the order of the book.
            pub const CHOICES: &'static [(&'static str, $type)] = &[$(($name, $type::$variant)),+];

            /// The name used on the command line and in files.
            pub fn name(self) -> &'static str {
                match self {
                    $($type::$variant => $name),+
                }
            }
        }

        impl std::fmt::Display for $type {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }

        impl std::str::FromStr for $type {
            type Err = $crate::ParseChoiceError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $crate::parse_choice(s, $kind, Self::CHOICES)
            }
        }
    };
}
