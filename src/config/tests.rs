//! Reading settings: every setting, the keys, and the one-line errors.
use super::*;
use crate::action::Action;

#[test]
fn a_config_that_is_no_regular_file_is_refused_without_reading_it() {
    let dir = crate::scratch::scratch_dir("config", "devices");
    let link = dir.join("config.toml");
    assert!(std::os::unix::fs::symlink("/dev/zero", &link).is_ok());
    let err = load(&link).map(|_| ()).unwrap_err().to_string();
    assert!(err.contains("not a regular file"), "{err}");
    assert!(!err.contains('\n'), "{err}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_huge_value_is_quoted_short_in_its_error_line() {
    let long = "x".repeat(900_000);
    for text in [
        format!("theme = \"{long}\"\n"),
        format!("[keys]\n{long} = \"j\"\n"),
        format!("[keys]\ndown = \"{long}\"\n"),
        format!("mouse = {long}\n"),
    ] {
        let said = parse(&text).unwrap_err().to_string();
        assert!(said.len() < 1000, "{} bytes: {}", said.len(), &said[..100]);
        assert!(said.starts_with("line "), "{}", &said[..100]);
    }
}

#[test]
fn the_defaults_read_back_as_the_defaults() {
    assert_eq!(parse(&defaults()).unwrap(), Config::default());
    assert_eq!(parse("").unwrap(), Config::default());
}

#[test]
fn every_theme_is_named() {
    for (name, theme) in [
        ("dark", crate::ui::Theme::COLOR),
        ("light", crate::ui::Theme::LIGHT),
        ("high-contrast", crate::ui::Theme::HIGH_CONTRAST),
        ("mono", crate::ui::Theme::PLAIN),
    ] {
        let config = parse(&format!("theme = \"{name}\"\n")).unwrap();
        assert_eq!(config.theme.theme(), theme, "{name}");
        // The defaults name it where they list the themes.
        assert!(defaults().contains(name), "{name}");
    }
}

#[test]
fn settings_and_keys_of_ones_own() {
    let config = parse(
        "theme = \"light\"\nmouse = false\nplayer = \"mpv\"\n[keys]\ndown = [\"n\", \"C-n\"]\nquit = \"Q\"\n",
    )
    .unwrap();
    assert_eq!(config.theme, ThemeName::Light);
    assert!(!config.mouse);
    assert_eq!(config.player.as_deref(), Some("mpv"));
    let key = |s| parse_keys(s).unwrap()[0];
    assert_eq!(config.keymap.action_for(key("C-n")), Some(Action::Down));
    assert_eq!(config.keymap.action_for(key("Q")), Some(Action::Quit));
    assert_eq!(config.keymap.action_for(key("j")), None);
}

#[test]
fn function_keys_insert_delete_and_alt_bind() {
    let config = parse(
        "[keys]\nhelp = [\"F1\", \"f2\"]\nreload = \"M-r\"\ntoggle_read = \"Delete\"\ntoggle_star = \"insert\"\nopen = \"ENTER\"\n",
    )
    .unwrap();
    let key = |s| parse_keys(s).unwrap()[0];
    assert_eq!(config.keymap.action_for(key("F1")), Some(Action::Help));
    assert_eq!(config.keymap.action_for(key("F2")), Some(Action::Help));
    assert_eq!(config.keymap.action_for(key("M-r")), Some(Action::Reload));
    // Alt makes another key: plain `r` is no longer reload, and `M-r` is not `r`.
    assert_eq!(config.keymap.action_for(key("r")), None);
    assert_eq!(
        config.keymap.action_for(key("Delete")),
        Some(Action::ToggleRead)
    );
    assert_eq!(
        config.keymap.action_for(key("Insert")),
        Some(Action::ToggleStar)
    );
    assert_eq!(config.keymap.action_for(key("Enter")), Some(Action::Open));
    let text = parse("[keys]\nhelp = \"F13\"\n").unwrap_err().to_string();
    assert!(text.contains("unknown key \"F13\""), "{text}");
    // C-c always quits: it cannot go to another action, and unbinding quit keeps it.
    let text = parse("[keys]\nhelp = \"C-c\"\n").unwrap_err().to_string();
    assert!(text.contains("line 2: help: C-c always quits"), "{text}");
    let config = parse("[keys]\nquit = []\n").unwrap();
    assert_eq!(config.keymap.action_for(key("C-c")), Some(Action::Quit));
}

#[test]
fn the_library_settings_are_read_and_zero_is_off() {
    let config = parse("keep_days = 30\nkeep_per_feed = 0\nrefresh_minutes = 15\n").unwrap();
    assert_eq!(config.keep.days, Some(30));
    assert_eq!(config.keep.per_feed, None);
    assert_eq!(config.refresh_minutes, Some(15));
    let wrong = parse("\nkeep_days = -1\n").unwrap_err().to_string();
    assert!(wrong.starts_with("line 2"), "{wrong}");
}

#[test]
fn mistakes_name_their_line() {
    for (text, line, what) in [
        (
            "theme = \"dark\"\n[keys]\nfly = \"f\"\n",
            3,
            "unknown action \"fly\"",
        ),
        (
            "[keys]\ndown = \"j\"\nup = [\"Upp\"]\n",
            3,
            "unknown key \"Upp\"",
        ),
        ("\n\ntheme = \"sepia\"\n", 3, "unknown theme \"sepia\""),
        ("mouse = \"yes\"\n", 1, "invalid type"),
        ("\ncolour = 1\n", 2, "unknown field"),
        ("theme = \n", 1, ""),
        ("\nreader_width = 12\n", 2, "reader_width 12 is too narrow"),
        ("reader_width = -1\n", 1, "too narrow"),
        ("reader_width = \"wide\"\n", 1, "a number of columns"),
        ("\n\nreader_width = 1.5\n", 3, "a number of columns"),
        (
            "reader_align = \"right\"\n",
            1,
            "unknown reader_align \"right\"",
        ),
    ] {
        let e = parse(text).unwrap_err().to_string();
        assert!(e.starts_with(&format!("line {line}: ")), "{text:?}: {e}");
        assert!(e.contains(what), "{text:?}: {e}");
        assert!(!e.contains('\n'), "{e}");
    }
}

#[test]
fn the_reader_measure_is_a_width_and_a_side() {
    let measure = |text: &str| parse(text).unwrap().measure;
    assert_eq!(measure(""), Measure::default());
    assert_eq!(Measure::default().columns, Some(100));
    assert_eq!(measure("reader_width = 72\n").columns, Some(72));
    assert_eq!(measure("reader_width = 20\n").columns, Some(20));
    assert_eq!(measure("reader_width = 0\n").columns, None);
    assert_eq!(measure("reader_width = \"none\"\n").columns, None);
    assert_eq!(measure("reader_width = 99999\n").columns, Some(u16::MAX));
    for side in ["centre", "center"] {
        let text = format!("reader_align = \"{side}\"\nreader_width = 80\n");
        assert_eq!(
            measure(&text),
            Measure {
                columns: Some(80),
                align: Align::Centre
            }
        );
    }
    assert_eq!(measure("reader_align = \"left\"\n").align, Align::Left);
}

#[test]
fn the_path_follows_xdg() {
    let env = |v: &str| match v {
        "XDG_CONFIG_HOME" => Some("/x".to_owned()),
        "HOME" => Some("/h".to_owned()),
        _ => None,
    };
    assert_eq!(path(env).unwrap(), Path::new("/x/newsterm/config.toml"));
    let home = |v: &str| (v == "HOME").then(|| "/h".to_owned());
    assert_eq!(
        path(home).unwrap(),
        Path::new("/h/.config/newsterm/config.toml")
    );
}

#[test]
fn keys_start_from_newsboats_and_keys_of_ones_own_go_over_them() {
    let key = |s| parse_keys(s).unwrap()[0];
    let config = parse("keys = \"newsboat\"\n").unwrap();
    assert_eq!(config.keymap.preset, Some("newsboat"));
    for (k, action) in [
        ("n", Action::NextUnread),
        ("p", Action::PrevUnread),
        ("N", Action::ToggleRead),
        ("A", Action::MarkListRead),
        ("C", Action::MarkAllRead),
        ("R", Action::Reload),
        ("g", Action::SortFeeds),
        ("Home", Action::Top),
        ("j", Action::Down),
    ] {
        assert_eq!(config.keymap.action_for(key(k)), Some(action), "{k}");
    }
    let config = parse("[keys]\npreset = \"newsboat\"\nnext_match = \"M-n\"\n").unwrap();
    assert_eq!(config.keymap.action_for(key("n")), Some(Action::NextUnread));
    assert_eq!(
        config.keymap.action_for(key("M-n")),
        Some(Action::NextMatch)
    );
    let e = parse("\n\nkeys = \"vim\"\n").unwrap_err().to_string();
    assert!(e.starts_with("line 3: unknown keys preset \"vim\""), "{e}");
}

#[test]
fn the_feed_lists_order_and_saved_queries_are_settings() {
    let config = parse(
        "feed_sort = \"unread\"\n[queries]\n\"Unread tech\" = \"unread tag:tech\"\nAll = \"\"\n",
    )
    .unwrap();
    assert_eq!(config.feed_order, crate::app::FeedOrder::Unread);
    let titles: Vec<&str> = config.queries.iter().map(|q| q.title.as_str()).collect();
    assert_eq!(titles, ["Unread tech", "All"], "in the file's order");
    let e = parse("feed_sort = \"size\"\n").unwrap_err().to_string();
    assert!(e.starts_with("line 1: unknown feed_sort"), "{e}");
    let e = parse("[queries]\nok = \"unread\"\nbad = \"tag:x (\"\n")
        .unwrap_err()
        .to_string();
    assert_eq!(e, "line 3: query bad: column 7: `(` without its `)`");
}

#[test]
fn tagging_rules_are_queries_about_what_a_story_says() {
    let config =
        parse("[tag_rules]\nclimate = \"climate or title:warming\"\nvideo = \"feed:tube\"\n")
            .unwrap();
    let tags: Vec<&str> = config.tag_rules.iter().map(|r| r.tag.as_str()).collect();
    assert_eq!(tags, ["climate", "video"]);
    let e = parse("[tag_rules]\nok = \"x\"\nmine = \"x -unread\"\n")
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "line 3: tag rule mine: unread asks about marks or tags, which a rule does not look at"
    );
    let e = parse("[tag_rules]\nbad = \"feed:\"\n")
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("line 2: query bad: column"), "{e}");
    let many: String = (0..65).map(|n| format!("t{n} = \"w{n}\"\n")).collect();
    let e = parse(&format!("[tag_rules]\n{many}"))
        .unwrap_err()
        .to_string();
    assert_eq!(e, "line 1: [tag_rules] has 65 rules; at most 64");
}

#[test]
fn the_cursor_setting_is_read_and_a_wrong_value_named_at_its_line() {
    assert_eq!(parse("cursor = true\n").unwrap().cursor, Some(true));
    assert_eq!(parse("cursor = false\n").unwrap().cursor, Some(false));
    assert_eq!(parse("theme = \"dark\"\n").unwrap().cursor, None);
    let said = parse("theme = \"dark\"\ncursor = \"yes\"\n")
        .unwrap_err()
        .to_string();
    assert!(said.starts_with("line 2: "), "{said}");
    // The defaults name it (commented out: unset, the environment decides).
    assert!(defaults().contains("\n# cursor = true\n"));
}
