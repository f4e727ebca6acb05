//! What one row of the settings table ([`super::table::SETTINGS`]) declares:
//! the keys it reads into, its flags, its `jixiao.toml` form, its names in a
//! `参数` sheet, its lines in the template, whether one source may give it
//! more than once, where it lands in [`Settings`] and what it does.

use super::{Key, Place, Settings, Sourced};

/// One setting, every way it can be written and what it is for.
#[derive(Debug)]
pub struct SettingSpec {
    /// The [`Key`]s its values are read into.
    pub key: Keys,
    /// Its command-line flags (most have one; the department's fields none).
    pub flags: &'static [Flag],
    /// How it is written in `jixiao.toml`.
    pub toml: Toml,
    /// How column A of a `参数` sheet names it.
    pub sheet: Sheet,
    /// Whether one source may give it on several lines.
    pub takes: Takes,
    /// Where it lands in [`Settings`], for the report of what was used;
    /// `None` for a row that is not part of [`Settings`].
    pub used: Option<Used>,
    /// Its comment and example in the `jixiao.toml` template; `None` when it
    /// has no place there (flags only).
    pub template: Option<Template>,
    /// What it does, as the README's settings table says (its 作用 column);
    /// `None` when the README says it in the row above's line.
    pub role: Option<&'static str>,
}

/// The [`Key`]s a row's values are read into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Keys {
    /// Always this one key.
    One(Key),
    /// [`Key::Budget`]: for the ledger's only year, or one per year.
    Budget,
    /// [`Key::Band`], one per grade.
    Band,
    /// [`Key::Measure`], one per grade.
    Measure,
    /// [`Key::Breakdown`], one per line of the breakdown.
    Breakdown,
    /// [`Key::Department`], one per field.
    Department,
    /// None: not a setting of [`Settings`] — the supervisor's caps (read
    /// before a worker starts, `src/supervisor/limits.rs`) or how the run
    /// reports (`--summary`, `--json`).
    Outside,
}

impl Keys {
    /// True when `key` is one of these.
    pub fn holds(&self, key: &Key) -> bool {
        match self {
            Keys::One(one) => one == key,
            Keys::Budget => matches!(key, Key::Budget(_)),
            Keys::Band => matches!(key, Key::Band(_)),
            Keys::Measure => matches!(key, Key::Measure(_)),
            Keys::Breakdown => matches!(key, Key::Breakdown(_)),
            Keys::Department => matches!(key, Key::Department(_)),
            Keys::Outside => false,
        }
    }

    /// The key of a value written whole, with nothing in its name to say
    /// which member it is: `year = 2017`, `budget = 322.95`,
    /// `--breakdown 工资福利支出=205.28` (the line named in the value).
    /// `None` for a family whose members are always named (a grade, a field).
    pub fn plain(&self) -> Option<Key> {
        match self {
            Keys::One(key) => Some(key.clone()),
            Keys::Budget => Some(Key::Budget(None)),
            Keys::Breakdown => Some(Key::Breakdown(None)),
            Keys::Band | Keys::Measure | Keys::Department | Keys::Outside => None,
        }
    }
}

/// A command-line flag of a setting.
#[derive(Debug)]
pub struct Flag {
    /// The flag as typed: `--year`.
    pub name: &'static str,
    /// What follows it and how often.
    pub form: FlagForm,
    /// A value as the README shows it (`2017`); `None` for a switch.
    pub example: Option<&'static str>,
}

impl Flag {
    /// `--year 2017`: the setting's one value.
    pub const fn value(name: &'static str, example: &'static str) -> Flag {
        Flag {
            name,
            form: FlagForm::Value,
            example: Some(example),
        }
    }

    /// `--account 7101`, as often as needed.
    pub const fn values(name: &'static str, example: &'static str) -> Flag {
        Flag {
            name,
            form: FlagForm::Values,
            example: Some(example),
        }
    }

    /// `--band 优秀=90`, a grade and its value, as often as needed.
    pub const fn graded(name: &'static str, example: &'static str) -> Flag {
        Flag {
            name,
            form: FlagForm::Graded,
            example: Some(example),
        }
    }

    /// `--overwrite`: when given, the setting is `value`.
    pub const fn switch(name: &'static str, value: bool) -> Flag {
        Flag {
            name,
            form: FlagForm::Switch(value),
            example: None,
        }
    }

    /// A flag that is no setting of [`Settings`] (`--time-limit 600`,
    /// `--json`); `example` is `None` for a switch.
    pub const fn outside(name: &'static str, example: Option<&'static str>) -> Flag {
        Flag {
            name,
            form: FlagForm::Outside,
            example,
        }
    }
}

/// What follows a flag, and how often it may be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlagForm {
    /// One value, once (clap: `Set`).
    Value,
    /// A value each time, as often as needed (clap: `Append`).
    Values,
    /// `等级=值` each time, as often as needed (clap: `Append`).
    Graded,
    /// No value (clap: `SetTrue`); when given, the setting is this.
    Switch(bool),
    /// Read elsewhere, not into [`Settings`] (see [`Keys::Outside`]).
    Outside,
}

/// How a setting is written in `jixiao.toml`.
#[derive(Debug)]
pub enum Toml {
    /// `name = value` before the first `[小节]`, under any of these names: the
    /// first is the one messages list, the others spellings older files use.
    Value(&'static [&'static str]),
    /// A `[name]` section whose every line is one member, named by `entry`
    /// from the line's key (or what is wrong with it).
    Section {
        /// The section's name.
        name: &'static str,
        /// The member a line's key names, or the message for a key that names none.
        entry: fn(&str) -> Result<Key, &'static str>,
    },
    /// `name = value` for the plain value ([`Keys::plain`]), or a `[name]`
    /// section of members as in [`Toml::Section`]: `budget = 322.95`, or
    /// `[budget]` with a line per year.
    ValueOrSection {
        /// The key, and the section's name.
        name: &'static str,
        /// The member a line's key names, or the message for a key that names none.
        entry: fn(&str) -> Result<Key, &'static str>,
    },
    /// `name = value` before the first `[小节]`, read by the supervisor before a
    /// worker starts (`src/supervisor/limits.rs`); the settings reader passes it over.
    Supervisor(&'static str),
    /// Not written in `jixiao.toml`.
    None,
}

impl Toml {
    /// The names a top-level key may have, for a value written whole (not
    /// [`Toml::ValueOrSection`]: its name is also a section).
    pub fn value_names(&self) -> &[&'static str] {
        match self {
            Toml::Value(names) => names,
            Toml::Supervisor(name) => std::slice::from_ref(name),
            Toml::Section { .. } | Toml::ValueOrSection { .. } | Toml::None => &[],
        }
    }

    /// The key as messages list it: `year`, `budget`, `[bands]`; `None` when
    /// not written in `jixiao.toml`.
    pub fn listed(&self) -> Option<String> {
        match self {
            Toml::Value(names) => names.first().map(|name| name.to_string()),
            Toml::ValueOrSection { name, .. } | Toml::Supervisor(name) => Some(name.to_string()),
            Toml::Section { name, .. } => Some(format!("[{name}]")),
            Toml::None => None,
        }
    }

    /// True when this key is written `name = value`.
    pub fn takes_value(&self) -> bool {
        matches!(
            self,
            Toml::Value(_) | Toml::ValueOrSection { .. } | Toml::Supervisor(_)
        )
    }
}

/// How column A of a `参数` sheet names a setting. Names are compared after
/// dropping spaces and a bracketed unit (`年度预算（万元）`); a row's
/// `jixiao.toml` name (`year`, `budget`) is taken too when written `name = value`.
#[derive(Debug)]
pub enum Sheet {
    /// Any of these names; the first is the one messages list.
    Names(&'static [&'static str]),
    /// Names that say which member they are (`2017年预算`, `优秀整改办法`):
    /// `named` reads one; `listed` is how messages list them.
    Members {
        /// How the message for an unknown name lists these.
        listed: &'static str,
        /// The member a (compacted) name stands for.
        named: fn(&str) -> Option<Key>,
    },
    /// Refused from a `参数` sheet, under these names and its `jixiao.toml`
    /// name: a ledger may not set it for itself (the supervisor's caps).
    Refused(&'static [&'static str]),
    /// Not in a `参数` sheet.
    None,
}

/// Whether one source may give a setting on several lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Takes {
    /// One value for each key: a second in the same source is refused
    /// (`这一项已经在…写过`). A band or a measure is one per grade.
    One,
    /// Gathered over several lines: budgets for several years, accounts,
    /// the breakdown's lines.
    Gathered,
}

/// Where a setting lands in [`Settings`].
#[derive(Debug)]
pub struct Used {
    /// Its name in the report of what was used: `预算收入`, `年度`.
    pub label: &'static str,
    /// Where each of its values was written (one source once or more).
    pub places: for<'a> fn(&'a Settings) -> Vec<&'a Place>,
}

impl Used {
    /// A setting named `label` whose values are found by `places`.
    pub const fn new(
        label: &'static str,
        places: for<'a> fn(&'a Settings) -> Vec<&'a Place>,
    ) -> Used {
        Used { label, places }
    }
}

/// The place of a setting that takes one value, when given.
pub fn place<T>(setting: &Option<Sourced<T>>) -> Vec<&Place> {
    setting.iter().map(|given| &given.place).collect()
}

/// A setting's lines in the `jixiao.toml` template.
#[derive(Debug)]
pub struct Template {
    /// The comment above it, a line each without the `# `; empty when the
    /// comment of the row above says this one too.
    pub comment: &'static [&'static str],
    /// Its example, commented out in the template (`year = 2017`); a
    /// section's `[name]` line first. Each line reads back to the row's keys.
    pub example: &'static [&'static str],
}
