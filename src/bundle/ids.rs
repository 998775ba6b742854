//! Story ids made unique: feeds repeat `<guid>`s and merged sources share ids, and a bundle's
//! ids must differ. A repeat gets a number (`id#2`); each id remembers the next number to
//! try, so the k-th repeat costs one try, not k.

use std::collections::{HashMap, HashSet};

/// The ids taken so far, and for each the next number its repeats try.
#[derive(Debug, Default)]
pub struct UniqueIds {
    taken: HashSet<String>,
    next: HashMap<String, usize>,
}

impl UniqueIds {
    pub fn new() -> Self {
        Self::default()
    }

    /// `base` if no story has it yet, else `base#n` for the first free `n` from `from` on.
    pub fn claim(&mut self, base: String, from: usize) -> String {
        if !self.taken.contains(&base) {
            self.taken.insert(base.clone());
            return base;
        }
        let next = self.next.entry(base.clone()).or_insert(from);
        *next = (*next).max(from);
        loop {
            let id = format!("{base}#{next}");
            *next += 1;
            if self.taken.insert(id.clone()) {
                return id;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_are_numbered_and_never_clash() {
        let mut ids = UniqueIds::new();
        let got: Vec<String> = ["a", "a", "a#3", "a", "b", "a"]
            .iter()
            .map(|&s| ids.claim(s.to_owned(), 2))
            .collect();
        assert_eq!(got, ["a", "a#2", "a#3", "a#4", "b", "a#5"]);
        // A later source numbers its repeats from its own number on.
        assert_eq!(ids.claim("b".into(), 7), "b#7");
    }

    #[test]
    fn many_repeats_of_one_id_are_numbered_in_turn() {
        // A walk from `#2` for every repeat would take minutes here (benches/ measure it).
        let mut ids = UniqueIds::new();
        for _ in 0..60_000 {
            ids.claim("same".into(), 2);
        }
        assert_eq!(ids.claim("same".into(), 2), "same#60001");
    }
}
