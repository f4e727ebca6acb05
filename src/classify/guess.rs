//! Classifying a line: from the ledger's own 经济分类, else the account code,
//! the account name, the 摘要 — each a [`Guess`], settled into an item.

use super::items::{category_code, Item, ItemId, CATEGORIES, CATEGORY_WORDS, ITEMS, OTHER};
use super::kuan;

/// What a code, a name or a text says of a line's classification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guess {
    /// An item.
    Item(ItemId),
    /// A category only (its code: `301`), from a 3-digit code, a code the
    /// table does not know (30288), or a heading (`工资福利支出`).
    Category(&'static str),
    /// Nothing.
    Nothing,
}

/// Classifies a line of `year` by its account code, then the account name, then the 摘要.
pub fn classify(year: i32, code: Option<&str>, account_name: &str, summary: &str) -> ItemId {
    settle(guess_account(year, code, account_name), || {
        guess_text(summary)
    })
}

/// What an account says: its code when it is an economic code, else its
/// name's last part (`行政支出-基本支出-差旅费`), else the whole name. A code
/// that gives only the category takes the name's item when it is of that
/// category.
pub fn guess_account(year: i32, code: Option<&str>, name: &str) -> Guess {
    let by_code = code.map_or(Guess::Nothing, |code| by_code(year, code));
    if let Guess::Item(_) = by_code {
        return by_code;
    }
    let last = name
        .rsplit(['-', '/', '_', '\\', '—'])
        .next()
        .unwrap_or(name);
    let by_last = by_name(last);
    let by_name = match by_last {
        Guess::Item(_) => by_last,
        _ => match by_name(name) {
            Guess::Nothing => by_last,
            found => found,
        },
    };
    // A 款 named exactly: its category, and the words' item only when of it.
    let by_name = match kuan::category_of_name(last).or_else(|| kuan::category_of_name(name)) {
        Some(category) => match by_name {
            Guess::Item(item) if category_code(item) == category => by_name,
            _ => Guess::Category(category),
        },
        None => by_name,
    };
    combine(by_code, by_name)
}

/// A code's guess with a name's: the code's item, else the name's item when
/// it is of the code's category (or the code says nothing), else the code's category.
fn combine(by_code: Guess, by_name: Guess) -> Guess {
    match (by_code, by_name) {
        (Guess::Item(_), _) => by_code,
        (Guess::Category(category), Guess::Item(item)) if category_code(item) == category => {
            by_name
        }
        (Guess::Category(_), _) => by_code,
        (Guess::Nothing, _) => by_name,
    }
}

/// What a text (a 摘要) says by its words.
pub fn guess_text(text: &str) -> Guess {
    by_name(text)
}

/// The item from what the account says, refined by `then` (the 摘要) when
/// the account gives no item: the 摘要's item when the account gives nothing
/// or the same category, else the category's catch-all; 未归类支出 when
/// neither says anything.
pub fn settle(first: Guess, then: impl FnOnce() -> Guess) -> ItemId {
    match first {
        Guess::Item(item) => item,
        Guess::Category(category) => match then() {
            Guess::Item(item) if category_code(item) == category => item,
            _ => catch_all(category),
        },
        Guess::Nothing => match then() {
            Guess::Item(item) => item,
            Guess::Category(category) => catch_all(category),
            Guess::Nothing => OTHER,
        },
    }
}

/// The ledger's own classification of a line, from a 经济分类 column
/// (`30201 办公费`, `30201`, `办公费`) or a 辅助核算 text
/// (`部门:办公室;经济分类:30211 差旅费;项目:…`, with `:` or `：`). `None` when
/// the text names no item nor category (a 辅助核算 of other dimensions only).
pub fn own_classification(year: i32, text: &str) -> Option<ItemId> {
    let part = economic_part(text)?;
    let code = economic_code(part);
    let by_code = code.map_or(Guess::Nothing, |code| by_code(year, code));
    let name: String = part
        .chars()
        .filter(|c| !c.is_ascii_digit())
        .collect::<String>()
        .trim_matches(|c: char| c.is_whitespace() || "[]【】()（）-_:：.、".contains(c))
        .to_string();
    // The name as the classification writes it (办公费), else by its words.
    let by_name = match ITEMS
        .iter()
        .position(|item| !item.category.is_empty() && item.name == name)
    {
        Some(position) => Guess::Item(position as ItemId),
        None => by_name(&name),
    };
    let guess = combine(by_code, by_name);
    let item = settle(guess, || Guess::Nothing);
    (item != OTHER).then_some(item)
}

/// Labels of the economic part of a 辅助核算 text.
const ECONOMIC_LABELS: [&str; 2] = ["经济分类", "经济科目"];

/// The economic part of a classification cell: the value labelled 经济分类
/// (`…;经济分类:30211 差旅费;…`), else the whole text when it has no labels.
fn economic_part(text: &str) -> Option<&str> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let labelled = |c: char| matches!(c, ':' | '：' | '=' | '】' | ']');
    let Some(at) = ECONOMIC_LABELS.iter().filter_map(|l| text.find(l)).min() else {
        // Other dimensions only (部门:办公室;项目:…): nothing economic. A
        // colon after a code (`30201:办公费`) is no label.
        let other_labels = text.char_indices().any(|(at, c)| {
            matches!(c, ':' | '：' | '=')
                && text[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|before| !before.is_ascii_digit())
        });
        return (!other_labels).then_some(text);
    };
    let after = &text[at..];
    let Some(colon) = after.find(labelled) else {
        // `经济分类 30201 办公费`: the label then the value.
        return Some(after);
    };
    let value = &after[colon..];
    let value = value
        .char_indices()
        .nth(1)
        .map_or("", |(start, _)| &value[start..]);
    // The value runs to the next field: a separator (a bracket that closes
    // `【经济分类:30201 办公费】`, not one that opens `[30201]办公费`), or the
    // next `标签:`.
    let mut end = value
        .char_indices()
        .find(|&(at, c)| {
            matches!(c, ';' | '；' | '|' | '\n' | '\r' | ',' | '，' | '、' | '/')
                || (at > 0 && matches!(c, '】' | '【' | ']'))
        })
        .map_or(value.len(), |(at, _)| at);
    if let Some(next_label) = value[..end].find([':', '：', '=']) {
        end = value[..next_label]
            .rfind(|c: char| c.is_whitespace())
            .unwrap_or(next_label);
    }
    let value = value[..end].trim();
    (!value.is_empty()).then_some(value)
}

/// An economic code in a text: a run of 3 or 5–9 digits starting with 3
/// (`302`, `30201`, `3020101`), not part of a longer number.
fn economic_code(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        if !bytes[start].is_ascii_digit() {
            start += 1;
            continue;
        }
        let end = bytes[start..]
            .iter()
            .position(|b| !b.is_ascii_digit())
            .map_or(bytes.len(), |n| start + n);
        let run = &text[start..end];
        if run.starts_with('3') && (run.len() == 3 || (5..=9).contains(&run.len())) {
            return Some(run);
        }
        start = end;
    }
    None
}

/// An economic code: 5 digits (30201, or longer: 3020101), or a category's
/// 3 digits. A code the table does not know gives its category.
fn by_code(year: i32, code: &str) -> Guess {
    if !code.starts_with('3') {
        return Guess::Nothing;
    }
    let key = code.get(..5).unwrap_or(code);
    let found = ITEMS.iter().position(|item| {
        let codes = if year >= 2018 {
            item.codes_from_2018
        } else {
            item.codes_before_2018
        };
        codes.contains(&key)
    });
    if let Some(position) = found {
        return Guess::Item(position as ItemId);
    }
    code.get(..3)
        .and_then(|prefix| CATEGORIES.iter().find(|(c, _)| *c == prefix))
        .map_or(Guess::Nothing, |(code, _)| Guess::Category(code))
}

/// A category's catch-all (its xxx99 item), or 未归类支出 when it has none (307).
fn catch_all(category: &str) -> ItemId {
    ITEMS
        .iter()
        .position(|item| {
            item.category == category && item.codes_from_2018.iter().any(|c| c.ends_with("99"))
        })
        .map_or(OTHER, |position| position as ItemId)
}

/// The item whose longest word appears in the text; a category heading longer
/// than any item word gives the category; weak words count last.
fn by_name(text: &str) -> Guess {
    if text.is_empty() {
        return Guess::Nothing;
    }
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let longest = |words: &dyn Fn(&'static Item) -> &'static [&'static str]| {
        ITEMS
            .iter()
            .enumerate()
            .flat_map(|(position, item)| words(item).iter().map(move |word| (position, *word)))
            .filter(|(_, word)| text.contains(word))
            .max_by_key(|(position, word)| (word.chars().count(), std::cmp::Reverse(*position)))
    };
    let strong = longest(&|item| item.words);
    let heading = CATEGORY_WORDS
        .iter()
        .filter(|(_, word)| text.contains(word))
        .max_by_key(|(_, word)| word.chars().count());
    match (strong, heading) {
        (Some((_, word)), Some((category, heading)))
            if heading.chars().count() > word.chars().count() =>
        {
            Guess::Category(category)
        }
        (Some((position, _)), _) => Guess::Item(position as ItemId),
        (None, Some((category, _))) => Guess::Category(category),
        (None, None) => longest(&|item| item.weak_words).map_or(Guess::Nothing, |(position, _)| {
            Guess::Item(position as ItemId)
        }),
    }
}
