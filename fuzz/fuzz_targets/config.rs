//! claimscan.toml: parse, resolve against the built-in rules, print and
//! parse again.
#![no_main]

use std::sync::OnceLock;

use claimscan::Settings;
use libfuzzer_sys::fuzz_target;

fn settings() -> &'static Settings {
    static SETTINGS: OnceLock<Settings> = OnceLock::new();
    SETTINGS.get_or_init(|| Settings::new(&[]).expect("the built-in lexicons load"))
}

fuzz_target!(|data: &[u8]| {
    // Config files are read as UTF-8 (`read_to_string`); other bytes never
    // reach the parser.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(e) = claimscan::invariants::check_config(text, settings()) {
        panic!("invariant broken: {e}");
    }
});
