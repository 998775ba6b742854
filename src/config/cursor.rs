//! Whether the terminal's cursor is shown on the selection, for screen readers, braille
//! displays and tmux's copy mode: `NEWSTERM_CURSOR` decides for one run, else the `cursor`
//! setting, else the signs a screen reader or a braille display leaves. A function of the
//! variables and of which files exist, handed in, so every sign is tested.

use std::path::Path;

/// The variable that decides for one run, over the setting.
pub const CURSOR_VAR: &str = "NEWSTERM_CURSOR";

/// Variables that say assistive technology is on, and the value that says so.
const SIGN_VARS: &[(&str, &str)] = &[
    // Set by desktop sessions started with accessibility on; Chromium and Electron read it.
    ("ACCESSIBILITY_ENABLED", "1"),
    // GNOME's older switch, still read by Firefox and Java's bridge (`0` turns them off).
    ("GNOME_ACCESSIBILITY", "1"),
];

/// A variable whose being set says a braille display is near: it names the BRLTTY server
/// (BrlAPI) its clients talk to.
const BRLAPI_HOST: &str = "BRLAPI_HOST";

/// Files whose presence says the console is spoken: Speakup, the Linux console's screen
/// reader, is loaded.
const SIGN_FILES: &[&str] = &["/sys/accessibility/speakup"];

/// Whether the cursor is shown, from `NEWSTERM_CURSOR` (`var` reads the environment), the
/// setting, or, when neither says, the signs of a screen reader or a braille display
/// (`exists` probes a file). A value of `NEWSTERM_CURSOR` that is no yes or no is refused
/// with one line naming it.
pub fn cursor_wanted(
    setting: Option<bool>,
    var: impl Fn(&str) -> Option<String>,
    exists: impl Fn(&Path) -> bool,
) -> Result<bool, String> {
    if let Some(value) = var(CURSOR_VAR).filter(|v| !v.is_empty()) {
        return yes_or_no(&value).ok_or_else(|| {
            format!(
                "{CURSOR_VAR} is 1 or 0 (shown or not), not {:?}",
                crate::text::printable(&value)
            )
        });
    }
    Ok(setting.unwrap_or_else(|| assisted(var, exists)))
}

/// Whether the environment suggests a screen reader or a braille display.
pub fn assisted(var: impl Fn(&str) -> Option<String>, exists: impl Fn(&Path) -> bool) -> bool {
    SIGN_VARS
        .iter()
        .any(|&(name, on)| var(name).is_some_and(|v| v.trim() == on))
        || var(BRLAPI_HOST).is_some_and(|v| !v.trim().is_empty())
        || SIGN_FILES.iter().any(|f| exists(Path::new(f)))
}

fn yes_or_no(value: &str) -> Option<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wanted(
        setting: Option<bool>,
        vars: &[(&str, &str)],
        files: &[&str],
    ) -> Result<bool, String> {
        cursor_wanted(
            setting,
            |name| {
                vars.iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| (*v).to_owned())
            },
            |path| files.iter().any(|f| Path::new(f) == path),
        )
    }

    #[test]
    fn off_unless_something_says_otherwise() {
        assert_eq!(wanted(None, &[], &[]), Ok(false));
        assert_eq!(
            wanted(
                None,
                &[("TERM", "linux"), ("QT_ACCESSIBILITY", "1")],
                &["/sys"]
            ),
            Ok(false),
            "Debian sets QT_ACCESSIBILITY for every session: no sign"
        );
        assert_eq!(wanted(Some(true), &[], &[]), Ok(true));
    }

    #[test]
    fn signs_of_a_screen_reader_or_braille_turn_it_on() {
        for vars in [
            &[("ACCESSIBILITY_ENABLED", "1")][..],
            &[("GNOME_ACCESSIBILITY", "1")],
            &[("BRLAPI_HOST", "localhost:0")],
        ] {
            assert_eq!(wanted(None, vars, &[]), Ok(true), "{vars:?}");
        }
        assert_eq!(wanted(None, &[], &["/sys/accessibility/speakup"]), Ok(true));
        for vars in [
            &[("ACCESSIBILITY_ENABLED", "0")][..],
            &[("GNOME_ACCESSIBILITY", "0")],
            &[("BRLAPI_HOST", "")],
        ] {
            assert_eq!(wanted(None, vars, &[]), Ok(false), "{vars:?}");
        }
    }

    #[test]
    fn the_setting_wins_over_the_signs_and_the_variable_over_both() {
        let speakup = &["/sys/accessibility/speakup"][..];
        assert_eq!(wanted(Some(false), &[], speakup), Ok(false));
        assert_eq!(
            wanted(Some(false), &[("ACCESSIBILITY_ENABLED", "1")], &[]),
            Ok(false)
        );
        assert_eq!(wanted(Some(false), &[(CURSOR_VAR, "1")], &[]), Ok(true));
        assert_eq!(wanted(Some(true), &[(CURSOR_VAR, "0")], speakup), Ok(false));
        assert_eq!(wanted(None, &[(CURSOR_VAR, "yes")], &[]), Ok(true));
        assert_eq!(wanted(None, &[(CURSOR_VAR, "Off")], speakup), Ok(false));
        // Set but empty is unset, as with NO_COLOR.
        assert_eq!(wanted(None, &[(CURSOR_VAR, "")], speakup), Ok(true));
    }

    #[test]
    fn a_variable_that_is_no_yes_or_no_is_refused_in_one_line() {
        let said = wanted(None, &[(CURSOR_VAR, "maybe\n\u{1b}[2J")], &[]).unwrap_err();
        assert!(said.starts_with("NEWSTERM_CURSOR is 1 or 0"), "{said}");
        assert!(!said.contains('\n') && !said.contains('\u{1b}'), "{said}");
    }
}
