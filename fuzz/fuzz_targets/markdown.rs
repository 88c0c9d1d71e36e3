//! Markdown ingest → segment → match → classify → report → suppressions, with
//! every invariant of `claimscan::invariants` checked on each input.
#![no_main]

use std::sync::OnceLock;

use claimscan::pipeline::ingest::InputFormat;
use claimscan::Settings;
use libfuzzer_sys::fuzz_target;

fn settings() -> &'static Settings {
    static SETTINGS: OnceLock<Settings> = OnceLock::new();
    SETTINGS.get_or_init(|| Settings::new(&[]).expect("the built-in lexicons load"))
}

fuzz_target!(|data: &[u8]| {
    if let Err(e) = claimscan::invariants::check_bytes(data, InputFormat::Markdown, settings()) {
        panic!("invariant broken: {e}");
    }
});
