//! The widget's colour theme as the `theme` attribute and option name it
//! and as the root's `data-theme` shows it: the reader's system preference
//! (`auto`) or a fixed light or dark palette. Shared by the editor and the
//! reader, which parse the same attribute.
//!
//! Not here: the person's own choice in the editor (its theme toggle and
//! stored setting) and the palettes (the stylesheets).

/// The widget's colours: the host's preference or a fixed one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follow `prefers-color-scheme`.
    #[default]
    Auto,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

impl Theme {
    /// `auto`, `light` or `dark`, as in `data-theme`.
    pub fn key(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// The theme an attribute names; anything unknown is `auto`.
    pub fn parse(value: &str) -> Self {
        match value.trim().to_ascii_lowercase().as_str() {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::Auto,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_leniently_and_round_trips() {
        let cases = [
            (" dark ", Theme::Dark),
            ("LIGHT", Theme::Light),
            ("auto", Theme::Auto),
            ("", Theme::Auto),
            ("sepia", Theme::Auto),
        ];
        for (raw, theme) in cases {
            assert_eq!(Theme::parse(raw), theme, "{raw:?}");
            assert_eq!(Theme::parse(theme.key()), theme);
        }
    }
}
