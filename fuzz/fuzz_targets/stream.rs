//! `claimscan stream`: any bytes on stdin give one JSON line per non-blank
//! input line, in order, the same every time.
#![no_main]

use std::sync::OnceLock;

use claimscan::Settings;
use libfuzzer_sys::fuzz_target;

fn settings() -> &'static Settings {
    static SETTINGS: OnceLock<Settings> = OnceLock::new();
    SETTINGS.get_or_init(|| Settings::new(&[]).expect("the built-in lexicons load"))
}

fuzz_target!(|data: &[u8]| {
    if let Err(e) = claimscan::invariants::check_stream(data, settings()) {
        panic!("invariant broken: {e}");
    }
});
