//! What is derived from the settings table: the row of a `jixiao.toml` key,
//! of a `参数` name, of a [`Key`]; the lists messages give; the flags read into
//! settings. The readers ask here instead of keeping lists of their own.

use super::super::spec::{Flag, FlagForm, SettingSpec, Sheet, Takes, Toml};
use super::super::Key;
use super::SETTINGS;

/// The row a `jixiao.toml` key (as `names::normal_key` gives it) belongs to:
/// a name of a value, a section or both.
pub fn by_toml_key(key: &str) -> Option<&'static SettingSpec> {
    SETTINGS.iter().find(|spec| match &spec.toml {
        Toml::Value(names) => names.contains(&key),
        Toml::Section { name, .. } | Toml::ValueOrSection { name, .. } => *name == key,
        Toml::Supervisor(name) => *name == key,
        Toml::None => false,
    })
}

/// The row `key` is read into.
pub fn of_key(key: &Key) -> Option<&'static SettingSpec> {
    SETTINGS.iter().find(|spec| spec.key.holds(key))
}

/// True when a key one source gives twice is refused (not gathered).
pub fn takes_one(key: &Key) -> bool {
    of_key(key).is_none_or(|spec| spec.takes == Takes::One)
}

/// The keys a `jixiao.toml` may hold at its top level, for the message about
/// an unknown one: the values, then the sections
/// (`budget、year、…、memory-limit、[bands]、…、[department]`).
pub fn toml_keys() -> String {
    let values = SETTINGS.iter().filter(|spec| spec.toml.takes_value());
    let sections = SETTINGS
        .iter()
        .filter(|spec| matches!(spec.toml, Toml::Section { .. }));
    values
        .chain(sections)
        .filter_map(|spec| spec.toml.listed())
        .collect::<Vec<_>>()
        .join("、")
}

/// True for a key that belongs before the first `[小节]` (a value written
/// whole, not a section).
pub fn is_top_level(key: &str) -> bool {
    SETTINGS
        .iter()
        .any(|spec| spec.toml.value_names().contains(&key))
}

/// The names a `参数` sheet may use, for the message about an unknown one.
pub fn sheet_names() -> String {
    SETTINGS
        .iter()
        .filter_map(|spec| match &spec.sheet {
            Sheet::Names(names) => names.first().copied(),
            Sheet::Members { listed, .. } => Some(*listed),
            Sheet::Refused(_) | Sheet::None => None,
        })
        .collect::<Vec<_>>()
        .join("、")
}

/// The key a `参数` name stands for, `compact` as `names::compact` gives it;
/// `english` is it as a `jixiao.toml` key (`header-row`), which is taken for
/// a setting written `name = value`.
pub fn by_sheet_name(compact: &str, english: &str) -> Option<Key> {
    SETTINGS.iter().find_map(|spec| {
        let by_toml = match &spec.toml {
            Toml::Value(names) => names.contains(&english),
            Toml::ValueOrSection { name, .. } => *name == english,
            _ => false,
        };
        match &spec.sheet {
            _ if by_toml => spec.key.plain(),
            Sheet::Names(names) if names.contains(&compact) => spec.key.plain(),
            Sheet::Members { named, .. } => named(compact),
            _ => None,
        }
    })
}

/// True for a name a `参数` sheet may not use (`time-limit`, `用时上限`): a
/// setting a ledger must not set for itself. `english` as for [`by_sheet_name`].
pub fn is_refused_in_sheet(compact: &str, english: &str) -> bool {
    SETTINGS.iter().any(|spec| match &spec.sheet {
        Sheet::Refused(names) => {
            names.contains(&compact) || spec.toml.value_names().contains(&english)
        }
        _ => false,
    })
}

/// The flags read into settings, each with its row, in the table's order.
pub fn setting_flags() -> impl Iterator<Item = (&'static SettingSpec, &'static Flag)> {
    SETTINGS.iter().flat_map(|spec| {
        spec.flags
            .iter()
            .filter(|flag| flag.form != FlagForm::Outside)
            .map(move |flag| (spec, flag))
    })
}
