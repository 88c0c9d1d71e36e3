//! Lexicon files: parse, compile, match the entry's own examples.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Lexicon files are read as UTF-8 (`read_to_string`); other bytes never
    // reach the parser.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(e) = claimscan::invariants::check_lexicon(text) {
        panic!("invariant broken: {e}");
    }
});
