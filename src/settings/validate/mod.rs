//! The one set of rules every setting is checked by, whichever source it came
//! from: [`RawSetting`]s → [`Settings`].
//!
//! [`validate`] reads as the list of its checks, one line per key; each check
//! lives with the others of its kind: how a written value reads
//! (`written.rs`), a setting of one value (`values.rs`), an amount in 万元
//! (`amounts.rs`), a setting gathered over several lines (`gathered.rs`), and
//! what only the sources together can break (`across.rs`, [`Settings::check`]).

mod across;
mod amounts;
mod gathered;
mod values;
mod written;

use super::{table, Key, Place, RawSetting, Settings, Sourced};
use anyhow::anyhow;
use anyhow::Result;
use gathered::Gathered;

/// A setting given as a flag that breaks its rule: the message (`命令行参数
/// --budget：…`) and the flag, so that the console can show the flag's usage.
#[derive(Debug)]
pub struct FlagError {
    /// The flag as typed, `--budget`.
    pub flag: &'static str,
    /// The whole message.
    pub text: String,
}

impl std::fmt::Display for FlagError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::error::Error for FlagError {}

/// Checks the settings of one source (all from flags, or one sheet, or one
/// file) and gives them as one [`Settings`].
///
/// # Errors
/// The first setting that breaks a rule, named by its place (`命令行参数 --year`,
/// `「台账.xlsx」的 参数!B3（年度）`, `设置文件「…」第 7 行 year`) with what to write.
pub fn validate(raws: Vec<RawSetting>) -> Result<Settings> {
    let mut settings = Settings::default();
    let mut gathered = Gathered::default();
    let mut given: Vec<(Key, Place)> = Vec::new();
    for RawSetting { key, value, place } in raws {
        let fail = |what: String| failure(&place, &what);
        once(&mut given, &key, &place).map_err(fail)?;
        let s = &mut settings;
        match key {
            Key::Budget(year) => gathered.budget(year, &value, &place).map_err(fail)?,
            Key::Year => s.year = Some(sourced(values::year(&value).map_err(fail)?, place)),
            Key::Unit => s.unit = Some(sourced(values::unit(&value).map_err(fail)?, place)),
            Key::Sheet => s.sheet = Some(sourced(values::sheet(&value).map_err(fail)?, place)),
            Key::HeaderRow => {
                s.header_row = Some(sourced(values::header_row(&value).map_err(fail)?, place));
            }
            Key::DateColumn => {
                s.date_column = Some(sourced(values::column(&value).map_err(fail)?, place));
            }
            Key::AmountColumn => {
                s.amount_column = Some(sourced(values::column(&value).map_err(fail)?, place));
            }
            Key::Accounts => gathered.accounts(values::accounts(&value).map_err(fail)?, &place),
            Key::ExcludeAccounts => {
                gathered.exclude_accounts(values::accounts(&value).map_err(fail)?, &place);
            }
            Key::Band(grade) => {
                let percent = values::band(&value).map_err(fail)?;
                s.bands.insert(grade, sourced(percent, place));
            }
            Key::Measure(grade) => {
                let measure = values::measure(&value).map_err(fail)?;
                s.measures.insert(grade, sourced(measure, place));
            }
            Key::Progress => {
                s.progress = Some(sourced(values::progress(&value).map_err(fail)?, place));
            }
            Key::AsOf => s.as_of = Some(sourced(values::as_of(&value).map_err(fail)?, place)),
            Key::Breakdown(name) => gathered
                .breakdown_line(name, &value, &place)
                .map_err(fail)?,
            Key::OutDir => {
                let folder = values::out_dir(&value, &place).map_err(fail)?;
                s.out_dir = Some(sourced(folder, place));
            }
            Key::Overwrite => {
                s.overwrite = Some(sourced(values::overwrite(&value).map_err(fail)?, place));
            }
            Key::Docx => s.docx = Some(sourced(values::docx(&value).map_err(fail)?, place)),
            Key::Department(field) => {
                let said = values::department(&value, field).map_err(fail)?;
                s.department.insert(field, sourced(said, place));
            }
        }
    }
    Ok(gathered.into_settings(settings))
}

/// A setting that takes one value ([`table::takes_one`]) is given once in one
/// source: a second is refused, naming the first.
fn once(given: &mut Vec<(Key, Place)>, key: &Key, place: &Place) -> Result<(), String> {
    if !table::takes_one(key) {
        return Ok(());
    }
    if let Some((_, first)) = given.iter().find(|(known, _)| known == key) {
        return Err(format!("这一项已经在{}写过，请只保留一个", first.short()));
    }
    given.push((key.clone(), place.clone()));
    Ok(())
}

/// The error for a setting written at `place` that breaks its rule, `what`
/// said after where; a flag's keeps the flag, so the console can add its usage.
fn failure(place: &Place, what: &str) -> anyhow::Error {
    match place {
        Place::Flag(flag) => anyhow::Error::new(FlagError {
            flag,
            text: format!("{}：{what}", place.at()),
        }),
        _ => anyhow!("{}：{what}", place.at()),
    }
}

fn sourced<T>(value: T, place: Place) -> Sourced<T> {
    Sourced { value, place }
}
