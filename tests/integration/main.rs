//! Integration tests: inputs built in code, the binary run, outputs read back with calamine.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod accounts;
mod as_of;
mod blocks;
mod book_states;
mod cli;
mod console_words;
mod corpus;
mod draft;
mod export_books;
mod fresh_shapes_h;
mod fresh_shapes_i;
mod golden;
mod hand_books;
mod hand_dates_void;
mod hostile;
mod hostile_bounds;
mod hostile_grid;
mod hostile_paths;
mod hostile_text;
mod layouts;
mod outputs;
mod reading;
mod report;
mod sample_books;
mod samples;
mod seed;
mod settings;
mod supervisor;
mod support;
