//! What one reader changed in its [`Memory`] since it last saved, as the state each story was
//! left in here: this is what is merged into the file on disk, so that another reader's marks
//! in the same file are kept. Pure: no files.

use std::collections::{BTreeMap, BTreeSet};

use super::{Memory, ReadingPlace};

/// Changes to a memory, story by story; a later change to the same story replaces an
/// earlier one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// Stories marked read (`true`) or unread (`false`).
    pub read: BTreeMap<String, bool>,
    /// Stories starred (`true`) or unstarred (`false`).
    pub starred: BTreeMap<String, bool>,
    /// Places kept (`Some`) or forgotten (`None`).
    pub places: BTreeMap<String, Option<ReadingPlace>>,
    /// Each story's own tags as left here (none: an empty set).
    pub tags: BTreeMap<String, BTreeSet<String>>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.read.is_empty()
            && self.starred.is_empty()
            && self.places.is_empty()
            && self.tags.is_empty()
    }

    /// These changes followed by `later`: where both touch a story, `later` wins.
    pub fn then(&mut self, later: Changes) {
        self.read.extend(later.read);
        self.starred.extend(later.starred);
        self.places.extend(later.places);
        self.tags.extend(later.tags);
    }

    /// Makes these changes in `memory`. A place set here replaces the one there: the newer
    /// place wins.
    pub fn apply_to(&self, memory: &mut Memory) {
        apply_set(&self.read, &mut memory.read);
        apply_set(&self.starred, &mut memory.starred);
        for (id, place) in &self.places {
            match place {
                Some(place) => memory.places.insert(id.clone(), *place),
                None => memory.places.remove(id),
            };
        }
        for (id, tags) in &self.tags {
            if tags.is_empty() {
                memory.tags.remove(id);
            } else {
                memory.tags.insert(id.clone(), tags.clone());
            }
        }
    }

    /// What turns `before` into `after`.
    pub fn between(before: &Memory, after: &Memory) -> Changes {
        let mut places = BTreeMap::new();
        for (id, place) in &after.places {
            if before.places.get(id) != Some(place) {
                places.insert(id.clone(), Some(*place));
            }
        }
        for id in before.places.keys() {
            if !after.places.contains_key(id) {
                places.insert(id.clone(), None);
            }
        }
        let mut tags = BTreeMap::new();
        for (id, set) in &after.tags {
            if before.tags.get(id) != Some(set) {
                tags.insert(id.clone(), set.clone());
            }
        }
        for id in before.tags.keys() {
            if !after.tags.contains_key(id) {
                tags.insert(id.clone(), BTreeSet::new());
            }
        }
        Changes {
            read: set_between(&before.read, &after.read),
            starred: set_between(&before.starred, &after.starred),
            places,
            tags,
        }
    }
}

fn apply_set(changes: &BTreeMap<String, bool>, set: &mut BTreeSet<String>) {
    for (id, &present) in changes {
        if present {
            if !set.contains(id) {
                set.insert(id.clone());
            }
        } else {
            set.remove(id);
        }
    }
}

fn set_between(before: &BTreeSet<String>, after: &BTreeSet<String>) -> BTreeMap<String, bool> {
    let added = after.difference(before).map(|id| (id.clone(), true));
    let removed = before.difference(after).map(|id| (id.clone(), false));
    added.chain(removed).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn memory(read: &[&str], starred: &[&str], places: &[(&str, usize)]) -> Memory {
        Memory {
            read: read.iter().map(|s| (*s).to_owned()).collect(),
            starred: starred.iter().map(|s| (*s).to_owned()).collect(),
            places: places
                .iter()
                .map(|(id, line)| {
                    (
                        (*id).to_owned(),
                        ReadingPlace {
                            part: 0,
                            line: *line,
                        },
                    )
                })
                .collect(),
            tags: BTreeMap::new(),
        }
    }

    #[test]
    fn another_readers_marks_are_kept_and_ours_are_made() {
        // We starred b and unstarred a, read c, and moved in d; the file meanwhile got a
        // star on e, a read mark on f and a place in g from another reader.
        let before = memory(&[], &["a"], &[("d", 1)]);
        let ours = memory(&["c"], &["b"], &[("d", 5)]);
        let changes = Changes::between(&before, &ours);
        let mut disk = memory(&["f"], &["a", "e"], &[("d", 1), ("g", 2)]);
        changes.apply_to(&mut disk);
        assert_eq!(
            disk,
            memory(&["c", "f"], &["b", "e"], &[("d", 5), ("g", 2)])
        );
    }

    #[test]
    fn a_later_change_to_a_story_replaces_an_earlier_one() {
        let mut changes = Changes::default();
        changes.starred.insert("a".into(), true);
        let mut later = Changes::default();
        later.starred.insert("a".into(), false);
        changes.then(later);
        let mut disk = memory(&[], &["a"], &[]);
        changes.apply_to(&mut disk);
        assert!(disk.starred.is_empty());
    }

    fn ids() -> impl Strategy<Value = String> {
        "[a-h]"
    }

    fn memories() -> impl Strategy<Value = Memory> {
        (
            prop::collection::btree_set(ids(), 0..6),
            prop::collection::btree_set(ids(), 0..6),
            prop::collection::btree_map(ids(), (0..3usize, 0..3usize), 0..6),
            prop::collection::btree_map(ids(), prop::collection::btree_set("[xyz]", 1..3), 0..4),
        )
            .prop_map(|(read, starred, places, tags)| Memory {
                read,
                starred,
                places: places
                    .into_iter()
                    .map(|(id, (part, line))| (id, ReadingPlace { part, line }))
                    .collect(),
                tags,
            })
    }

    /// Changes to the stories named in `mine` only: two readers' changes made this way on
    /// different stories never conflict.
    fn on(changes: Changes, mine: &BTreeSet<char>) -> Changes {
        let ours = |id: &String| id.chars().next().is_some_and(|c| mine.contains(&c));
        Changes {
            read: changes
                .read
                .into_iter()
                .filter(|(id, _)| ours(id))
                .collect(),
            starred: changes
                .starred
                .into_iter()
                .filter(|(id, _)| ours(id))
                .collect(),
            places: changes
                .places
                .into_iter()
                .filter(|(id, _)| ours(id))
                .collect(),
            tags: changes
                .tags
                .into_iter()
                .filter(|(id, _)| ours(id))
                .collect(),
        }
    }

    proptest! {
        #[test]
        fn changes_turn_before_into_after(before in memories(), after in memories()) {
            let mut memory = before.clone();
            Changes::between(&before, &after).apply_to(&mut memory);
            prop_assert_eq!(memory, after);
        }

        #[test]
        fn merging_is_the_same_whatever_the_order_of_changes_to_different_stories(
            disk in memories(),
            base_a in memories(),
            after_a in memories(),
            base_b in memories(),
            after_b in memories(),
            split in prop::collection::btree_set(prop::char::range('a', 'h'), 0..8),
        ) {
            let others: BTreeSet<char> = ('a'..='h').filter(|c| !split.contains(c)).collect();
            let a = on(Changes::between(&base_a, &after_a), &split);
            let b = on(Changes::between(&base_b, &after_b), &others);
            let mut a_first = disk.clone();
            a.apply_to(&mut a_first);
            b.apply_to(&mut a_first);
            let mut b_first = disk.clone();
            b.apply_to(&mut b_first);
            a.apply_to(&mut b_first);
            prop_assert_eq!(&a_first, &b_first);
            // And each reader's changes are in the result.
            for changes in [&a, &b] {
                for (id, &read) in &changes.read {
                    prop_assert_eq!(a_first.read.contains(id), read);
                }
                for (id, &starred) in &changes.starred {
                    prop_assert_eq!(a_first.starred.contains(id), starred);
                }
                for (id, place) in &changes.places {
                    prop_assert_eq!(a_first.places.get(id), place.as_ref());
                }
                for (id, tags) in &changes.tags {
                    prop_assert_eq!(a_first.tags.get(id), (!tags.is_empty()).then_some(tags));
                }
            }
        }
    }
}
