//! Graphic rendition (SGR): the colours and modifiers the terminal draws the next character
//! with, and the shortest `ESC [ … m` that changes them from one set to another.
//!
//! Underline colour is left out on purpose: newsterm never sets it, and terminals and
//! multiplexers that do not know SGR 58 (GNU screen among them) read its `5;n` / `2;r;g;b`
//! parameters as blink, bold, colours and so on.

use ratatui::buffer::Cell;
use ratatui::style::{Color, Modifier, Style};

use super::seq::Seq;

/// What SGR sets, as far as the presenter draws it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sgr {
    pub fg: Color,
    pub bg: Color,
    pub modifier: Modifier,
}

impl Sgr {
    /// The terminal's state after `ESC [ m`.
    pub(crate) const DEFAULT: Sgr = Sgr {
        fg: Color::Reset,
        bg: Color::Reset,
        modifier: Modifier::empty(),
    };

    /// What `style` sets; a colour it leaves unset is the default, and what it takes away
    /// is not written.
    pub(crate) fn of_style(style: Style) -> Sgr {
        Sgr {
            fg: style.fg.unwrap_or(Color::Reset),
            bg: style.bg.unwrap_or(Color::Reset),
            modifier: style.add_modifier,
        }
    }

    #[inline(always)]
    pub(crate) fn of(cell: &Cell) -> Sgr {
        Sgr {
            fg: cell.fg,
            bg: cell.bg,
            modifier: cell.modifier,
        }
    }
}

/// The code that turns each modifier on, in the order they are written. DIM comes before BOLD
/// because terminals with a single intensity (the `vt100` crate among them) keep the last one
/// named, and bold is the one worth keeping.
const ON: [(Modifier, u32); 9] = [
    (Modifier::DIM, 2),
    (Modifier::BOLD, 1),
    (Modifier::ITALIC, 3),
    (Modifier::UNDERLINED, 4),
    (Modifier::SLOW_BLINK, 5),
    (Modifier::RAPID_BLINK, 6),
    (Modifier::REVERSED, 7),
    (Modifier::HIDDEN, 8),
    (Modifier::CROSSED_OUT, 9),
];

/// The code that turns modifiers off, and every modifier it turns off: 22 ends both bold and
/// dim, 25 both blinks.
const OFF: [(Modifier, u32); 7] = [
    (Modifier::BOLD.union(Modifier::DIM), 22),
    (Modifier::ITALIC, 23),
    (Modifier::UNDERLINED, 24),
    (Modifier::SLOW_BLINK.union(Modifier::RAPID_BLINK), 25),
    (Modifier::REVERSED, 27),
    (Modifier::HIDDEN, 28),
    (Modifier::CROSSED_OUT, 29),
];

/// Parameters of one SGR sequence, `;`-separated as they are added.
struct Params {
    seq: Seq,
    empty: bool,
}

impl Params {
    fn new() -> Self {
        Params {
            seq: Seq::new(),
            empty: true,
        }
    }

    fn sep(&mut self) {
        if !self.empty {
            self.seq.push(b";");
        }
        self.empty = false;
    }

    fn num(&mut self, n: u32) {
        self.sep();
        self.seq.push_num(n);
    }

    fn modifiers(&mut self, on: Modifier) {
        for (flag, code) in ON {
            if on.contains(flag) {
                self.num(code);
            }
        }
    }

    /// A colour for the foreground (`base` 30) or background (`base` 40). The sixteen named
    /// colours use their short codes, mapped as ratatui's crossterm backend maps them
    /// (`Gray` is 7, `DarkGray` 8, the `Light` ones and `White` 9-15).
    fn color(&mut self, color: Color, base: u32) {
        let named = |n: u32| if n < 8 { base + n } else { base + 60 + n - 8 };
        match color {
            Color::Reset => self.num(base + 9),
            Color::Black => self.num(named(0)),
            Color::Red => self.num(named(1)),
            Color::Green => self.num(named(2)),
            Color::Yellow => self.num(named(3)),
            Color::Blue => self.num(named(4)),
            Color::Magenta => self.num(named(5)),
            Color::Cyan => self.num(named(6)),
            Color::Gray => self.num(named(7)),
            Color::DarkGray => self.num(named(8)),
            Color::LightRed => self.num(named(9)),
            Color::LightGreen => self.num(named(10)),
            Color::LightYellow => self.num(named(11)),
            Color::LightBlue => self.num(named(12)),
            Color::LightMagenta => self.num(named(13)),
            Color::LightCyan => self.num(named(14)),
            Color::White => self.num(named(15)),
            Color::Indexed(i) => {
                self.num(base + 8);
                self.num(5);
                self.num(u32::from(i));
            }
            Color::Rgb(r, g, b) => {
                self.num(base + 8);
                self.num(2);
                self.num(u32::from(r));
                self.num(u32::from(g));
                self.num(u32::from(b));
            }
        }
    }

    fn finish(self) -> Seq {
        let mut out = Seq::new();
        out.push(b"\x1b[");
        out.append(&self.seq);
        out.push(b"m");
        out
    }
}

/// Everything `to` sets, after a reset: works from any state, including an unknown one.
fn from_reset(to: Sgr) -> Seq {
    if to == Sgr::DEFAULT {
        // `ESC [ m` is a reset on its own.
        return Params::new().finish();
    }
    reset_then(to)
}

/// `ESC [ 0 ; … m`: a reset, always named, then everything `to` sets. What `--render --color`
/// writes before each change of style, as [`from_reset`] would but for the default.
pub(crate) fn reset_then(to: Sgr) -> Seq {
    let mut p = Params::new();
    p.num(0);
    p.modifiers(to.modifier);
    if to.fg != Color::Reset {
        p.color(to.fg, 30);
    }
    if to.bg != Color::Reset {
        p.color(to.bg, 40);
    }
    p.finish()
}

/// Only what differs between `from` and `to`.
fn incremental(from: Sgr, to: Sgr) -> Seq {
    let mut p = Params::new();
    let removed = from.modifier - to.modifier;
    let mut added = to.modifier - from.modifier;
    for (flags, code) in OFF {
        if removed.intersects(flags) {
            p.num(code);
            // The code also ended the flags of its group that stay on: turn them on again.
            added |= to.modifier & flags;
        }
    }
    if added.contains(Modifier::DIM) && to.modifier.contains(Modifier::BOLD) {
        // Re-assert bold after dim, for the single-intensity terminals (see `ON`).
        added |= Modifier::BOLD;
    }
    p.modifiers(added);
    if from.fg != to.fg {
        p.color(to.fg, 30);
    }
    if from.bg != to.bg {
        p.color(to.bg, 40);
    }
    p.finish()
}

/// The shortest sequence that changes the terminal from `from` (`None`: unknown) to `to`;
/// empty when nothing changes.
pub(crate) fn transition(from: Option<Sgr>, to: Sgr) -> Seq {
    match from {
        Some(from) if from == to => Seq::new(),
        Some(from) => {
            let inc = incremental(from, to);
            let reset = from_reset(to);
            if reset.len() < inc.len() { reset } else { inc }
        }
        None => from_reset(to),
    }
}

/// Transitions already worked out, for one frame: a screen holds a few styles, and a frame
/// goes from one to another hundreds of times, each priced before it is written.
#[derive(Default)]
pub(crate) struct Known {
    /// At most [`Known::KEPT`], the oldest replaced first.
    seqs: Vec<KnownTransition>,
    oldest: usize,
}

/// [`transition`]`(from, to)`, worked out.
struct KnownTransition {
    from: Option<Sgr>,
    to: Sgr,
    seq: Seq,
}

impl KnownTransition {
    fn new(from: Option<Sgr>, to: Sgr) -> Self {
        KnownTransition {
            from,
            to,
            seq: transition(from, to),
        }
    }
}

impl Known {
    const KEPT: usize = 8;

    /// [`transition`]`(from, to)`.
    pub(crate) fn transition(&mut self, from: Option<Sgr>, to: Sgr) -> &Seq {
        let at = match self
            .seqs
            .iter()
            .position(|known| known.to == to && known.from == from)
        {
            Some(at) => at,
            None if self.seqs.len() < Self::KEPT => {
                self.seqs.push(KnownTransition::new(from, to));
                self.seqs.len() - 1
            }
            None => {
                let at = self.oldest;
                self.oldest = (at + 1) % Self::KEPT;
                self.seqs[at] = KnownTransition::new(from, to);
                at
            }
        };
        &self.seqs[at].seq
    }

    /// Bytes of [`transition`]`(from, to)`.
    pub(crate) fn cost(&mut self, from: Option<Sgr>, to: Sgr) -> usize {
        if from == Some(to) {
            return 0;
        }
        self.transition(from, to).len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sgr(fg: Color, bg: Color, modifier: Modifier) -> Sgr {
        Sgr { fg, bg, modifier }
    }

    fn t(from: Option<Sgr>, to: Sgr) -> String {
        String::from_utf8(transition(from, to).as_bytes().to_vec()).unwrap()
    }

    const D: Sgr = Sgr::DEFAULT;

    #[test]
    fn nothing_to_change_is_empty() {
        assert_eq!(t(Some(D), D), "");
        let s = sgr(Color::Red, Color::Blue, Modifier::BOLD);
        assert_eq!(t(Some(s), s), "");
    }

    #[test]
    fn unknown_state_starts_from_a_reset() {
        assert_eq!(t(None, D), "\x1b[m");
        assert_eq!(
            t(None, sgr(Color::Red, Color::Reset, Modifier::BOLD)),
            "\x1b[0;1;31m"
        );
    }

    #[test]
    fn named_colours_follow_ratatuis_crossterm_mapping() {
        let cases = [
            (Color::Black, "30", "40"),
            (Color::Red, "31", "41"),
            (Color::Green, "32", "42"),
            (Color::Yellow, "33", "43"),
            (Color::Blue, "34", "44"),
            (Color::Magenta, "35", "45"),
            (Color::Cyan, "36", "46"),
            (Color::Gray, "37", "47"),
            (Color::DarkGray, "90", "100"),
            (Color::LightRed, "91", "101"),
            (Color::LightGreen, "92", "102"),
            (Color::LightYellow, "93", "103"),
            (Color::LightBlue, "94", "104"),
            (Color::LightMagenta, "95", "105"),
            (Color::LightCyan, "96", "106"),
            (Color::White, "97", "107"),
            (Color::Indexed(200), "38;5;200", "48;5;200"),
            (Color::Rgb(1, 22, 255), "38;2;1;22;255", "48;2;1;22;255"),
        ];
        for (color, fg, bg) in cases {
            let only_fg = sgr(color, Color::Reset, Modifier::empty());
            let only_bg = sgr(Color::Reset, color, Modifier::empty());
            assert_eq!(t(Some(D), only_fg), format!("\x1b[{fg}m"), "{color:?}");
            assert_eq!(t(Some(D), only_bg), format!("\x1b[{bg}m"), "{color:?}");
        }
    }

    #[test]
    fn every_modifier_on_and_off() {
        let cases = [
            (Modifier::BOLD, "1", "22"),
            (Modifier::DIM, "2", "22"),
            (Modifier::ITALIC, "3", "23"),
            (Modifier::UNDERLINED, "4", "24"),
            (Modifier::SLOW_BLINK, "5", "25"),
            (Modifier::RAPID_BLINK, "6", "25"),
            (Modifier::REVERSED, "7", "27"),
            (Modifier::HIDDEN, "8", "28"),
            (Modifier::CROSSED_OUT, "9", "29"),
        ];
        // Over a red foreground, so that a reset is dearer than the incremental change.
        let base = sgr(Color::Red, Color::Reset, Modifier::ITALIC);
        for (flag, on, off) in cases {
            let with = sgr(Color::Red, Color::Reset, base.modifier | flag);
            if flag == Modifier::ITALIC {
                continue;
            }
            assert_eq!(t(Some(base), with), format!("\x1b[{on}m"), "{flag:?} on");
            assert_eq!(t(Some(with), base), format!("\x1b[{off}m"), "{flag:?} off");
        }
    }

    #[test]
    fn ending_bold_keeps_dim_and_the_other_way_round() {
        let both = sgr(Color::Red, Color::Reset, Modifier::BOLD | Modifier::DIM);
        let bold = sgr(Color::Red, Color::Reset, Modifier::BOLD);
        let dim = sgr(Color::Red, Color::Reset, Modifier::DIM);
        assert_eq!(t(Some(both), dim), "\x1b[22;2m");
        assert_eq!(t(Some(both), bold), "\x1b[22;1m");
        // Adding dim to bold names bold again, after dim.
        assert_eq!(t(Some(bold), both), "\x1b[2;1m");
        assert_eq!(t(Some(dim), both), "\x1b[1m");
        let slow = sgr(Color::Red, Color::Reset, Modifier::SLOW_BLINK);
        let blinks = sgr(
            Color::Red,
            Color::Reset,
            Modifier::SLOW_BLINK | Modifier::RAPID_BLINK,
        );
        assert_eq!(t(Some(blinks), slow), "\x1b[25;5m");
    }

    #[test]
    fn a_reset_wins_when_it_is_shorter() {
        let busy = sgr(
            Color::Rgb(10, 20, 30),
            Color::Indexed(17),
            Modifier::BOLD | Modifier::ITALIC | Modifier::UNDERLINED,
        );
        // Back to default: `ESC [ m` beats `22;23;24;39;49`.
        assert_eq!(t(Some(busy), D), "\x1b[m");
        // To bold only: `0;1` beats `23;24;39;49`.
        let bold = sgr(Color::Reset, Color::Reset, Modifier::BOLD);
        assert_eq!(t(Some(busy), bold), "\x1b[0;1m");
        // A small change stays incremental.
        let cyan_bg = sgr(Color::Black, Color::Cyan, Modifier::empty());
        let plain = sgr(Color::Black, Color::Reset, Modifier::empty());
        assert_eq!(t(Some(plain), cyan_bg), "\x1b[46m");
        assert_eq!(t(Some(cyan_bg), plain), "\x1b[49m");
    }

    #[test]
    fn known_transitions_are_the_ones_worked_out() {
        let styles: Vec<Sgr> = [Color::Reset, Color::Red, Color::Rgb(1, 2, 3)]
            .into_iter()
            .flat_map(|fg| {
                [
                    Modifier::empty(),
                    Modifier::BOLD,
                    Modifier::DIM | Modifier::ITALIC,
                ]
                .map(|m| sgr(fg, Color::Indexed(4), m))
            })
            .chain([D])
            .collect();
        let mut known = Known::default();
        // More pairs than are kept, twice over: found, replaced, worked out again.
        for _ in 0..2 {
            for &from in &styles {
                for &to in &styles {
                    for from in [Some(from), None] {
                        let want = transition(from, to);
                        assert_eq!(known.transition(from, to).as_bytes(), want.as_bytes());
                        assert_eq!(known.cost(from, to), want.len());
                    }
                }
            }
        }
    }

    #[test]
    fn several_changes_share_one_sequence() {
        let a = sgr(Color::Black, Color::Cyan, Modifier::BOLD);
        let b = sgr(
            Color::Yellow,
            Color::Cyan,
            Modifier::BOLD | Modifier::REVERSED,
        );
        assert_eq!(t(Some(a), b), "\x1b[7;33m");
        assert_eq!(Known::default().cost(Some(a), b), "\x1b[7;33m".len());
        // A reset plus what stays can be shorter than naming every change.
        let c = sgr(Color::Yellow, Color::Reset, Modifier::REVERSED);
        assert_eq!(t(Some(a), c), "\x1b[0;7;33m");
    }

    #[test]
    fn a_named_reset_comes_first_for_a_text_dump() {
        let r = |style: Style| {
            String::from_utf8(reset_then(Sgr::of_style(style)).as_bytes().to_vec()).unwrap()
        };
        assert_eq!(r(Style::new()), "\x1b[0m");
        assert_eq!(r(Style::new().fg(Color::Reset)), "\x1b[0m");
        assert_eq!(
            r(Style::new().fg(Color::Black).bg(Color::Cyan)),
            "\x1b[0;30;46m"
        );
        assert_eq!(
            r(Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)),
            "\x1b[0;1;36m"
        );
        assert_eq!(
            r(Style::new().fg(Color::Rgb(1, 2, 3)).bg(Color::Indexed(9))),
            "\x1b[0;38;2;1;2;3;48;5;9m"
        );
        let removed = Style::new()
            .remove_modifier(Modifier::BOLD)
            .bg(Color::DarkGray);
        assert_eq!(r(removed), "\x1b[0;100m");
    }

    #[test]
    fn cell_style_is_read_without_underline_colour() {
        let mut cell = Cell::new("x");
        cell.fg = Color::Green;
        cell.underline_color = Color::Red;
        cell.modifier = Modifier::BOLD;
        assert_eq!(
            Sgr::of(&cell),
            sgr(Color::Green, Color::Reset, Modifier::BOLD)
        );
    }
}
