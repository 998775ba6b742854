//! A story's link, opened in the browser or copied to the clipboard. The app only asks (an
//! [`Effect`]); the terminal loop does it, outside the app's pure state.

use super::App;

/// Something for the terminal loop to do on the app's behalf.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Open this web address with the user's browser, detached.
    Open(String),
    /// Put this text on the clipboard of the machine the user sits at (OSC 52).
    Copy(String),
    /// Play this audio with the user's player (stopping what plays).
    Play(String),
    /// Stop the player.
    Stop,
    /// Read the sources again and hand the stories to [`App::reload`].
    Reload,
    /// Give the terminal back and stop until the shell continues newsterm (`fg`), then take
    /// the terminal again and repaint.
    Suspend,
    /// Give the subscription to `url` these tags in the subscriptions file, and hand them
    /// back ([`Outcome::FeedTags`](super::Outcome::FeedTags)).
    TagFeed { url: String, tags: Vec<String> },
    /// Read the whole article of story `id` from its page at `url` (kept in the library
    /// once read), and hand it back ([`Outcome::WholeArticle`](super::Outcome::WholeArticle)).
    ReadWhole { id: String, url: String },
}

impl App {
    /// The link of the story in the reader (or under the cursor, in the list).
    fn link(&mut self) -> Option<String> {
        let story = if self.session.focus == crate::layout::Pane::Headlines {
            self.stories.list.selected
        } else {
            self.stories.reader.current
        };
        let link = self
            .stories
            .bundle
            .full_article(story)
            .and_then(|a| a.url.clone());
        if link.is_none() {
            self.session.notice = Some("This story has no link.".into());
        }
        link
    }

    /// `o`: the browser opens the link, if it is a web address.
    pub(super) fn open_link(&mut self) {
        if let Some(url) = self.link() {
            self.open_address(url);
        }
    }

    /// `y`: the link goes to the clipboard.
    pub(super) fn copy_link(&mut self) {
        if let Some(url) = self.link() {
            self.copy_address(url);
        }
    }

    /// Asks the loop to open `url` in the browser, and says so; only web addresses are
    /// opened (a `file:` or `javascript:` address in a feed is not the browser's to open).
    pub(super) fn open_address(&mut self, url: String) {
        if is_web_address(&url) {
            self.session.notice = Some(format!("Opening {url}"));
            self.session.effects.push(Effect::Open(url));
        } else {
            self.session.notice = Some(format!("Not a web address, not opened: {url}"));
        }
    }

    /// Asks the loop to put `url` on the clipboard; the loop says where it went
    /// ([`Copied`]).
    pub(super) fn copy_address(&mut self, url: String) {
        self.session.notice = Some(format!("Copying link: {url}"));
        self.session.effects.push(Effect::Copy(url));
    }

    /// Says where a copied link went, as the loop found.
    pub(super) fn copied(&mut self, url: &str, to: Copied) {
        self.session.notice = Some(match to {
            Copied::Terminal => format!("Link sent to the terminal's clipboard (OSC 52): {url}"),
            Copied::TmuxAndTerminal => {
                format!("Link in tmux's buffer, and on to the clipboard: {url}")
            }
            Copied::TmuxOnly => format!("Link in tmux's buffer (prefix ] pastes it): {url}"),
            Copied::Passthrough(why) => {
                format!("OSC 52 sent for tmux passthrough ({why}): {url}")
            }
        });
    }
}

/// Where a copied link went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Copied {
    /// OSC 52 was written: the terminal's clipboard, if the terminal takes it.
    Terminal,
    /// tmux's buffer, passed on to the terminal's clipboard as tmux's `set-clipboard` allows.
    TmuxAndTerminal,
    /// tmux's buffer only (a tmux older than 3.2).
    TmuxOnly,
    /// tmux could not take it (why); OSC 52 wrapped for tmux was written instead.
    Passthrough(String),
}

/// Whether `url` is an `http` or `https` address with no control character in it: the only
/// addresses handed to a browser or a player (a feed's `file:`, `javascript:` or an address
/// starting with `-`, which a player would read as an option, are not).
pub fn is_web_address(url: &str) -> bool {
    let scheme = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (scheme.starts_with("https://") || scheme.starts_with("http://"))
        && !url.chars().any(char::is_control)
}

/// OSC 52: sets the clipboard of the terminal the user sits at, also over SSH. Inside tmux
/// the sequence is wrapped for passthrough (tmux also needs `set -g set-clipboard on` or
/// `allow-passthrough on`).
pub fn osc52(text: &str, in_tmux: bool) -> Vec<u8> {
    let sequence = format!("\x1b]52;c;{}\x07", base64(text.as_bytes()));
    if in_tmux {
        format!("\x1bPtmux;{}\x1b\\", sequence.replace('\x1b', "\x1b\x1b")).into_bytes()
    } else {
        sequence.into_bytes()
    }
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(DIGITS[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;

    #[test]
    fn base64_as_the_standard_says() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foobar", "Zm9vYmFy"),
            ("Hà Nội", "SMOgIE7hu5lp"),
        ] {
            assert_eq!(base64(plain.as_bytes()), coded, "{plain}");
        }
        assert_eq!(osc52("foo", false), b"\x1b]52;c;Zm9v\x07");
        assert_eq!(
            osc52("foo", true),
            b"\x1bPtmux;\x1b\x1b]52;c;Zm9v\x07\x1b\\"
        );
    }

    #[test]
    fn o_and_y_ask_for_the_story_link_and_say_so() {
        let json = br#"{"newsterm": 1, "title": "T", "articles": [
            {"id": "a", "title": "A", "url": "https://example.org/tin-tuc?id=1&x=2"}]}"#;
        let mut app = App::new(crate::bundle::load("t.json", json).unwrap(), 80, 24);
        app.update(Action::OpenLink);
        app.update(Action::CopyLink);
        let url = "https://example.org/tin-tuc?id=1&x=2".to_owned();
        assert_eq!(
            app.session.effects,
            [Effect::Open(url.clone()), Effect::Copy(url)]
        );
        assert!(
            app.session
                .notice
                .as_deref()
                .unwrap()
                .starts_with("Copying link")
        );
    }

    #[test]
    fn only_web_addresses_are_opened() {
        let json = br#"{"newsterm": 1, "title": "T", "articles": [
            {"id": "a", "title": "A", "url": "file:///etc/passwd"},
            {"id": "b", "title": "B"}]}"#;
        let mut app = App::new(crate::bundle::load("t.json", json).unwrap(), 80, 24);
        app.update(Action::OpenLink);
        assert!(app.session.effects.is_empty());
        assert!(
            app.session
                .notice
                .as_deref()
                .unwrap()
                .starts_with("Not a web address")
        );
        app.update(Action::Down);
        app.update(Action::CopyLink);
        assert!(app.session.effects.is_empty());
        assert_eq!(
            app.session.notice.as_deref(),
            Some("This story has no link.")
        );
    }
}
