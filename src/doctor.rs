//! `newsterm --doctor`: what newsterm sees of its environment and terminal, and what it will
//! do there, one line per check, each naming what is wrong (if anything) and the one-line fix.
//!
//! What is found is gathered first into an [`Environment`] (the variables, tmux's answers,
//! the terminal's answers, the settings, the folders); [`report`] turns that into lines with
//! no I/O, so every case is a unit test. The parts: `probe` asks the terminal, `tmux` asks
//! tmux, `paths` looks at the folders, `terminal` and `reach` word the checks of the
//! terminal and of what reaches it through tmux or screen.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use crate::config::{self, Config};

mod paths;
pub mod probe;
mod reach;
mod terminal;
pub mod tmux;

/// How a check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Ok,
    /// Worth knowing; nothing to fix.
    Note,
    /// Something newsterm will do worse than it could, with its fix.
    Problem,
    /// Not checked (no terminal to ask).
    Skipped,
}

/// One line of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// What was checked, one short word.
    pub check: &'static str,
    pub verdict: Verdict,
    pub says: String,
    pub fix: Option<String>,
}

impl Line {
    fn ok(check: &'static str, says: impl Into<String>) -> Line {
        Line::new(check, Verdict::Ok, says, None)
    }

    fn note(check: &'static str, says: impl Into<String>) -> Line {
        Line::new(check, Verdict::Note, says, None)
    }

    fn problem(check: &'static str, says: impl Into<String>, fix: impl Into<String>) -> Line {
        Line::new(check, Verdict::Problem, says, Some(fix.into()))
    }

    fn skipped(check: &'static str, says: impl Into<String>) -> Line {
        Line::new(check, Verdict::Skipped, says, None)
    }

    fn new(
        check: &'static str,
        verdict: Verdict,
        says: impl Into<String>,
        fix: Option<String>,
    ) -> Line {
        Line {
            check,
            verdict,
            says: says.into(),
            fix,
        }
    }

    /// A fix for a line that is not a problem (a note with something to try).
    fn with_fix(mut self, fix: impl Into<String>) -> Line {
        self.fix = Some(fix.into());
        self
    }
}

impl std::fmt::Display for Line {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let verdict = match self.verdict {
            Verdict::Ok => "ok",
            Verdict::Note => "note",
            Verdict::Problem => "problem",
            Verdict::Skipped => "skipped",
        };
        write!(f, "{:<8} {verdict:<7} {}", self.check, self.says)?;
        if let Some(fix) = &self.fix {
            write!(f, " — fix: {fix}")?;
        }
        Ok(())
    }
}

/// The kind of terminal `TERM` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Unset,
    Dumb,
    /// The Linux console.
    Linux,
    /// GNU screen's types (also what tmux once set).
    Screen,
    Tmux,
    Xterm,
    Other,
}

fn kind(term: Option<&str>) -> Kind {
    match term {
        None => Kind::Unset,
        Some("dumb") => Kind::Dumb,
        Some(t) if t == "linux" || t.starts_with("linux-") => Kind::Linux,
        Some(t) if t.starts_with("screen") => Kind::Screen,
        Some(t) if t.starts_with("tmux") => Kind::Tmux,
        Some(t) if t.starts_with("xterm") => Kind::Xterm,
        Some(_) => Kind::Other,
    }
}

/// What came of asking the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Probe {
    /// Standard input and output are not both a terminal: nothing was asked.
    NoTerminal,
    /// `TERM=dumb`: a terminal that says it understands no escape sequences is not sent
    /// any (Emacs's shell buffer would show them).
    Dumb,
    /// Asking failed (raw mode refused, a write failed), and why.
    Failed(String),
    Answered(probe::Replies),
}

/// Everything the report is made from.
#[derive(Debug, Clone)]
pub struct Environment {
    /// The variables read that are set and not empty, by name.
    pub vars: Vec<(String, String)>,
    /// tmux's answers, when `TMUX` is set.
    pub tmux: Option<tmux::Answers>,
    pub probe: Probe,
    /// The settings file's path (`None` when the environment names none), whether it is
    /// there, and the settings or the error line that refuses them.
    pub config_path: Option<(PathBuf, bool)>,
    pub config: Result<Config, String>,
    /// `--no-mouse` given.
    pub no_mouse: bool,
    pub state: Option<(PathBuf, paths::Found)>,
    pub cache: Option<(PathBuf, paths::Found)>,
    /// The library's file, its folder, and the file when it is there.
    pub library: Option<(PathBuf, paths::Found, Option<paths::LibraryFile>)>,
}

/// The variables newsterm's checks read.
const VARS: [&str; 14] = [
    "LC_ALL",
    "LC_CTYPE",
    "LANG",
    "TERM",
    "COLORTERM",
    "NO_COLOR",
    "TMUX",
    "STY",
    "HOME",
    "XDG_CONFIG_HOME",
    "XDG_STATE_HOME",
    "XDG_CACHE_HOME",
    "XDG_DATA_HOME",
    "TERM_PROGRAM",
];

impl Environment {
    /// A variable's value when it is set and not empty.
    pub fn var(&self, name: &str) -> Option<&str> {
        self.vars
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// A variable's value made printable.
    fn shown(&self, name: &str) -> Option<String> {
        self.var(name)
            .map(|v| crate::text::printable(v).into_owned())
    }

    fn in_tmux(&self) -> bool {
        self.var("TMUX").is_some()
    }

    /// The terminal outside tmux as tmux knows its client: the client's `TERM` and tmux's
    /// features for it. `None` outside tmux, without a client attached, or when tmux did not
    /// say.
    fn client(&self) -> Option<(String, Vec<String>)> {
        let said = self.tmux.as_ref()?.client.as_ref().ok()?;
        let (term, features) = said.lines().next()?.split_once('|')?;
        if term.is_empty() {
            return None;
        }
        let features = features
            .split(',')
            .filter(|f| !f.is_empty())
            .map(str::to_owned)
            .collect();
        Some((term.to_owned(), features))
    }

    /// tmux's version as (major, minor), when it names one; `Err` with why when tmux could
    /// not be asked.
    fn tmux_version(&self) -> Result<Option<(u32, u32)>, String> {
        match self.tmux.as_ref().map(|t| &t.version) {
            Some(Ok(said)) => Ok(tmux::version_number(said)),
            Some(Err(why)) => Err(why.clone()),
            None => Err("tmux was not asked".into()),
        }
    }

    /// tmux's features for the terminal outside it (see [`Environment::client`]).
    fn client_features(&self) -> Option<Vec<String>> {
        self.client().map(|(_, features)| features)
    }

    /// The settings in force (the defaults when the file is refused).
    fn settings(&self) -> Config {
        self.config.clone().unwrap_or_default()
    }

    /// Gathers what this process sees: the variables, tmux's answers, the terminal's (asked
    /// only when standard input and output are both the terminal), the settings and the
    /// folders.
    fn gather(no_mouse: bool) -> Result<Environment, probe::Stopped> {
        let vars = VARS
            .iter()
            .filter_map(|&name| {
                let value = std::env::var_os(name)?;
                let value = value.to_string_lossy().into_owned();
                (!value.is_empty()).then(|| (name.to_owned(), value))
            })
            .collect();
        let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
        let probe = if dumb {
            Probe::Dumb
        } else if io::stdin().is_terminal() && io::stdout().is_terminal() {
            match probe::ask() {
                Ok(replies) => Probe::Answered(replies),
                Err(Ok(stopped)) => return Err(stopped),
                Err(Err(e)) => Probe::Failed(e.to_string()),
            }
        } else {
            Probe::NoTerminal
        };
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let config_path = config::path(env);
        let config = match &config_path {
            Some(path) => config::load(path).map_err(|e| e.to_string()),
            None => Ok(Config::default()),
        };
        let folder = |dir: Option<PathBuf>| {
            dir.map(|dir| {
                let found = paths::look(&dir);
                (dir, found)
            })
        };
        let library = crate::library::library_path(env).map(|file| {
            let dir = file.parent().map(PathBuf::from).unwrap_or_default();
            let found = paths::look(&dir);
            let there = paths::library_file(&file);
            (file, found, there)
        });
        let mut found = Environment {
            vars,
            tmux: None,
            probe,
            config_path: config_path.map(|p| {
                let there = p.exists();
                (p, there)
            }),
            config,
            no_mouse,
            state: folder(crate::state::state_dir(env)),
            cache: folder(crate::fetch::cache_dir(env)),
            library,
        };
        if found.in_tmux() {
            found.tmux = Some(tmux::ask());
        }
        Ok(found)
    }
}

/// Runs the checks and prints the report on standard output. Ctrl-C or a signal while the
/// terminal is asked ends newsterm, the terminal restored first.
pub fn run(no_mouse: bool) -> io::Result<()> {
    let env = match Environment::gather(no_mouse) {
        Ok(env) => env,
        Err(probe::Stopped::CtrlC) => std::process::exit(130),
        Err(probe::Stopped::Signal(signal)) => {
            let _ = signal_hook::low_level::emulate_default_handler(signal);
            std::process::exit(128 + signal);
        }
    };
    let mut out = io::stdout().lock();
    // On a terminal each line wraps under its text; into a pipe a check stays one line.
    let width = io::IsTerminal::is_terminal(&out)
        .then(|| ratatui::crossterm::terminal::size().ok())
        .flatten()
        .map(|(cols, _)| usize::from(cols))
        .filter(|&cols| cols >= 40);
    for line in report(&env) {
        match width {
            Some(cols) => writeln!(out, "{}", wrapped(&line.to_string(), cols))?,
            None => writeln!(out, "{line}")?,
        }
    }
    out.flush()
}

/// A report line wrapped to `cols` columns, its later rows under its text (past the check's
/// name and verdict).
fn wrapped(line: &str, cols: usize) -> String {
    let options = textwrap::Options::new(cols).subsequent_indent("                 ");
    textwrap::fill(line, options)
}

/// The report: one line per check, then a summary.
pub fn report(env: &Environment) -> Vec<Line> {
    let mut lines = vec![
        locale(env),
        terminal::term(env),
        terminal::colours(env),
        terminal::sync(env),
        reach::copy(env),
        reach::links(env),
        mouse(env),
    ];
    lines.extend(terminal::widths(env));
    lines.push(settings(env));
    lines.push(paths::folder_line(
        "state",
        "marks when the library cannot be opened",
        env.state.as_ref().map(|(p, f)| (p.as_path(), f)),
        "neither XDG_STATE_HOME nor HOME",
    ));
    lines.push(paths::folder_line(
        "cache",
        "fetched feeds",
        env.cache.as_ref().map(|(p, f)| (p.as_path(), f)),
        "neither XDG_CACHE_HOME nor HOME",
    ));
    lines.push(paths::library_line(
        env.library
            .as_ref()
            .map(|(p, f, file)| (p.as_path(), f, file.as_ref())),
        "neither XDG_DATA_HOME nor HOME",
    ));
    let problems = lines
        .iter()
        .filter(|l| l.verdict == Verdict::Problem)
        .count();
    lines.push(match problems {
        0 => Line::ok("summary", "nothing to fix"),
        1 => Line::note("summary", "1 problem, with its fix above"),
        n => Line::note("summary", format!("{n} problems, each with its fix above")),
    });
    lines
}

/// The character set, from the first of LC_ALL, LC_CTYPE and LANG that is set, as in
/// setlocale(3).
fn locale(env: &Environment) -> Line {
    let deciding = ["LC_ALL", "LC_CTYPE", "LANG"]
        .into_iter()
        .find_map(|name| env.shown(name).map(|v| (name, v)));
    let Some((name, value)) = deciding else {
        return Line::problem(
            "locale",
            "none of LC_ALL, LC_CTYPE and LANG is set: the C locale, whose character set is \
             ASCII; newsterm writes UTF-8 anyway, but tmux and some terminals may show letters \
             as _ or ?",
            "export LANG=C.UTF-8",
        );
    };
    // The variables it wins over, when they say otherwise.
    let over: Vec<String> = ["LC_CTYPE", "LANG"]
        .into_iter()
        .filter(|&n| n != name && (name == "LC_ALL" || n == "LANG"))
        .filter_map(|n| env.shown(n).map(|v| format!("{n}={v}")))
        .collect();
    let over = if over.is_empty() {
        String::new()
    } else {
        format!(" (it wins over {})", over.join(", "))
    };
    let lower = value.to_ascii_lowercase();
    if lower.contains("utf-8") || lower.contains("utf8") {
        Line::ok(
            "locale",
            format!("{name}={value}{over}: the character set is UTF-8"),
        )
    } else {
        Line::problem(
            "locale",
            format!(
                "{name}={value}{over}: the character set is not UTF-8; newsterm writes UTF-8 \
                 anyway, but tmux and some terminals may show letters as _ or ?"
            ),
            format!("export {name}=C.UTF-8"),
        )
    }
}

/// Whether newsterm takes the mouse (`mouse` in the settings, `--no-mouse`), and how text
/// is selected then.
fn mouse(env: &Environment) -> Line {
    let settings = env.settings();
    if env.no_mouse || !settings.mouse {
        let why = if env.no_mouse {
            "--no-mouse"
        } else {
            "mouse = false in config.toml"
        };
        return Line::ok(
            "mouse",
            format!(
                "{why}: newsterm leaves the mouse to the terminal: dragging selects text; clicks \
                 and the wheel do not reach newsterm"
            ),
        );
    }
    let tmux = if env.in_tmux() {
        " (inside tmux: the outer terminal's selection, across tmux's panes)"
    } else {
        ""
    };
    Line::ok(
        "mouse",
        format!(
            "newsterm takes the mouse (clicks select, double clicks open, the wheel scrolls): \
             to select text, hold Shift while dragging{tmux}, or start with --no-mouse"
        ),
    )
}

/// The settings file: there or not, read or refused.
fn settings(env: &Environment) -> Line {
    let Some((path, there)) = &env.config_path else {
        return Line::problem(
            "config",
            "neither XDG_CONFIG_HOME nor HOME is set: the default settings",
            "export HOME=/home/you (your home folder)",
        );
    };
    let at = paths::shown(path);
    match &env.config {
        Err(e) => Line::problem(
            "config",
            format!("{e}: newsterm refuses to start until it is corrected"),
            "correct the line named (newsterm --print-config shows every setting)",
        ),
        Ok(_) if !there => Line::ok(
            "config",
            format!("{at}: not there: the default settings (newsterm --print-config writes them)"),
        ),
        Ok(config) => Line::ok(
            "config",
            format!("{at}: read, theme {}", config.theme.name()),
        ),
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod wrap_tests {
    #[test]
    fn lines_wrap_under_their_text_on_a_terminal() {
        let line = "links    problem tmux 3.3a drops hyperlinks (OSC 8): links in the reader are plain \
                    underlined text (o and L still open them) — fix: tmux 3.4 or later";
        let shown = super::wrapped(line, 60);
        let rows: Vec<&str> = shown.lines().collect();
        assert!(rows.len() > 1, "{shown}");
        for row in &rows {
            assert!(crate::text::width(row) <= 60, "{row:?}");
        }
        for row in &rows[1..] {
            assert!(
                row.starts_with("                 ") && !row.starts_with("                  "),
                "{row:?}"
            );
        }
        assert_eq!(
            shown.split_whitespace().collect::<Vec<_>>(),
            line.split_whitespace().collect::<Vec<_>>()
        );
    }
}
