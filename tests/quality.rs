//! Quality floors beyond the sample gold: the numbers `claimscan quality`
//! prints, each kept as a floor (rounded down from the value reached) so it
//! never slips back. Raise a floor when its number rises; never lower one
//! to make a change pass. The data are copied into the repository (`eval/`,
//! `tests/dev/`), so this runs on a clone.

// A test fails by panicking; unwrap is how these tests say "this must work".
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use claimscan::measure::quality;
use claimscan::pipeline::lexicon::Label;
use claimscan::Settings;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Hedged F1 against SzUC `uncertain`, sentence level (issue 12's targets:
/// 0.77 and 0.75; not reached, see README "Quality beyond the samples").
const HEDGED_F1_FLOORS: [(&str, f64); 2] =
    [("bio-eval-szuc.jsonl", 0.74), ("wiki-szuc.jsonl", 0.63)];
/// The same with the frequency words (H108) left out, as SzUC's annotators
/// leave them: what the guide's frequency decision costs on these files.
const HEDGED_F1_SZUC_CONVENTION_FLOORS: [(&str, f64); 2] =
    [("bio-eval-szuc.jsonl", 0.78), ("wiki-szuc.jsonl", 0.75)];
/// Pearson r of the certainty signal on the science-certainty test split.
const CERTAINTY_R_FLOOR: f64 = 0.53;
/// Floors on the gold sets of `quality::GOLD_SETS` (the seeds' are in
/// tests/eval.rs): per-label F1 (absolute, cited, hedged, vague) and macro,
/// the scores reached, rounded down. Raise them when the scores rise; never
/// lower them to make a change pass. The older dev set's floors were reset
/// when its gold was re-checked against GUIDE version 2 (60 units changed).
const GOLD_FLOORS: [(&str, [f64; 4], f64); 3] = [
    ("independent report", [0.59, 0.79, 0.82, 0.49], 0.67),
    ("independent dev", [0.70, 0.82, 0.84, 0.81], 0.79),
    ("older dev", [0.85, 0.82, 0.94, 0.67], 0.82),
];
#[test]
fn hedged_f1_on_hedge_uncertainty_holds() {
    let settings = Settings::new(&[]).unwrap();
    for (file, floor) in HEDGED_F1_FLOORS {
        let b = quality::hedged_vs_uncertain(
            &root().join("eval/hedge-uncertainty").join(file),
            &settings,
        )
        .unwrap();
        assert!(b.sentences > 5000, "{file}: {} sentences", b.sentences);
        assert!(
            b.f1() >= floor,
            "{file}: hedged F1 {:.3} (P {:.3} R {:.3}) fell below {floor}",
            b.f1(),
            b.precision(),
            b.recall()
        );
    }
}

#[test]
fn hedged_f1_without_frequency_words_holds() {
    let settings = Settings::new(&[]).unwrap();
    for (file, floor) in HEDGED_F1_SZUC_CONVENTION_FLOORS {
        let path = root().join("eval/hedge-uncertainty").join(file);
        let without =
            quality::hedged_vs_uncertain_without(&path, &settings, quality::SZUC_NOT_UNCERTAIN)
                .unwrap();
        let with = quality::hedged_vs_uncertain(&path, &settings).unwrap();
        assert!(
            without.f1() >= floor,
            "{file}: hedged F1 without H108 {:.3} (P {:.3} R {:.3}) fell below {floor}",
            without.f1(),
            without.precision(),
            without.recall()
        );
        // Leaving a rule out can only remove hedged sentences.
        assert!(without.tp + without.fp < with.tp + with.fp, "{file}");
    }
}

#[test]
fn certainty_correlation_holds() {
    let settings = Settings::new(&[]).unwrap();
    let (r, n) = quality::certainty_correlation(
        &root().join("eval/science-certainty/sentence-test.jsonl"),
        &settings,
    )
    .unwrap();
    assert_eq!(n, 136);
    assert!(
        r >= CERTAINTY_R_FLOOR,
        "Pearson r {r:.3} fell below {CERTAINTY_R_FLOOR}"
    );
}

#[test]
fn gold_set_scores_hold() {
    let settings = Settings::new(&[]).unwrap();
    let table = quality::label_table(&root(), &settings).unwrap();
    let text = quality::render_labels(&table);
    for (name, floors, macro_floor) in GOLD_FLOORS {
        let column = table
            .columns
            .iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("no gold set {name}"));
        assert!(
            column.scores.missing.is_empty(),
            "{name}: {:?}",
            column.scores.missing
        );
        assert!(
            column.scores.macro_f1 >= macro_floor,
            "{name} macro F1 fell below {macro_floor}:\n{text}"
        );
        for (label, floor) in Label::ALL.into_iter().zip(floors) {
            let f1 = column.scores.labels[&label].f1;
            assert!(
                f1 >= floor,
                "{name} {label} F1 {f1:.3} fell below {floor}:\n{text}"
            );
        }
    }
    // The ceiling is the annotators' agreement (README of the set): the
    // figures the set's README gives for its report split.
    assert!((table.ceiling_macro - 0.916).abs() < 0.001, "{text}");
}

#[test]
fn quality_command_prints_every_number() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_claimscan"))
        .args(["quality", "--root"])
        .arg(root())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let table = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "hedged F1 | bio-eval-szuc.jsonl",
        "hedged F1 | wiki-szuc.jsonl",
        "hedged F1, frequency words (H108) left out as SzUC does | bio-eval-szuc.jsonl",
        "Pearson r",
        "| macro |",
        "independent report (",
        "annotator agreement on report (ceiling)",
        "| seeds (",
    ] {
        assert!(table.contains(needle), "missing {needle:?} in\n{table}");
    }
}
