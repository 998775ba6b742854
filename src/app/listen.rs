//! Listening: `a` plays the story's audio with the user's player, `a` again stops it. The app
//! keeps what plays; the terminal loop starts and stops the player (an [`Effect`]) and says
//! when it ended by itself.

use super::{App, Effect};
use crate::document::duration;

/// What plays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Playing {
    pub story: usize,
    pub duration_s: Option<u64>,
}

impl App {
    /// `a`: plays the story in the reader's audio, or stops what plays.
    pub(super) fn toggle_audio(&mut self) {
        if self.session.playing.take().is_some() {
            self.session.effects.push(Effect::Stop);
            self.session.notice = Some("Stopped.".into());
            return;
        }
        let story = self.stories.reader.current;
        let Some(article) = self.stories.bundle.full_article(story) else {
            return;
        };
        let Some(audio) = article.audio.clone() else {
            self.session.notice = Some("This story has no audio.".into());
            return;
        };
        let Some(url) = audio.url.filter(|u| !u.trim().is_empty()) else {
            self.session.notice = Some("This story's audio has no address to play.".into());
            return;
        };
        // What reaches the player is a web address, never an option or a local file.
        if !super::links::is_web_address(&url) {
            let shown = crate::text::truncate(&crate::text::one_line(&url), 60).into_owned();
            self.session.notice = Some(format!("Not a web address, not played: {shown}"));
            return;
        }
        let length = audio
            .duration_s
            .filter(|&d| d > 0)
            .map(|d| format!(" ({})", duration(d)))
            .unwrap_or_default();
        self.session.notice = Some(format!("♪ Playing{length}: a stops"));
        self.session.effects.push(Effect::Play(url));
        self.session.playing = Some(Playing {
            story,
            duration_s: audio.duration_s,
        });
    }

    /// The player ended (or could not start): nothing plays any more.
    pub(super) fn audio_ended(&mut self, why: Option<String>) {
        if self.session.playing.take().is_some() {
            self.session.notice = why;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::action::Action;
    use crate::app::{App, Effect};

    fn app() -> App {
        let json = br#"{"newsterm": 1, "title": "T", "articles": [
            {"id": "a", "title": "A", "audio": {"url": "https://example.org/a.mp3", "duration_s": 312}},
            {"id": "b", "title": "B", "audio": {}},
            {"id": "c", "title": "C"},
            {"id": "d", "title": "D", "audio": {"url": "--script=/tmp/x.lua"}},
            {"id": "e", "title": "E", "audio": {"url": "file:///etc/passwd"}}]}"#;
        App::new(crate::bundle::load("t.json", json).unwrap(), 80, 24)
    }

    #[test]
    fn a_plays_and_a_again_stops() {
        let mut app = app();
        app.update(Action::ToggleAudio);
        assert_eq!(
            app.session.effects,
            [Effect::Play("https://example.org/a.mp3".into())]
        );
        assert_eq!(
            app.session.notice.as_deref(),
            Some("♪ Playing (5:12): a stops")
        );
        assert!(app.session.playing.is_some());
        app.update(Action::ToggleAudio);
        assert_eq!(app.session.effects.last(), Some(&Effect::Stop));
        assert!(app.session.playing.is_none());
    }

    #[test]
    fn no_audio_no_address_or_not_a_web_address_says_so_and_plays_nothing() {
        let mut app = app();
        for (story, says) in [
            (1, "no address"),
            (2, "no audio"),
            (3, "Not a web address, not played: --script"),
            (4, "Not a web address, not played: file:"),
        ] {
            app.stories.reader.current = story;
            app.update(Action::ToggleAudio);
            assert!(app.session.effects.is_empty());
            assert!(
                app.session.notice.as_deref().unwrap().contains(says),
                "{:?}",
                app.session.notice
            );
        }
    }

    #[test]
    fn a_player_that_ends_clears_what_plays() {
        let mut app = app();
        app.update(Action::ToggleAudio);
        app.audio_ended(Some("no player found".into()));
        assert!(app.session.playing.is_none());
        assert_eq!(app.session.notice.as_deref(), Some("no player found"));
    }
}
