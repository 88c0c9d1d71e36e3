//! The sources stage through the whole pipeline: bindings across the
//! article, and every binding visible in JSON, terminal and HTML.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use claimscan::pipeline::analyze_text;
use claimscan::pipeline::lexicon::Label;
use claimscan::report::{self, FileReport, Format};
use claimscan::Settings;

fn settings() -> Settings {
    Settings::new(&[]).expect("built-in lexicons load")
}

fn report_of(text: &str) -> FileReport {
    let s = settings();
    let a = analyze_text(text, &s);
    report::file_report(&a, Path::new("news.txt"), &s)
}

/// The labels of the unit whose text starts with `start`.
fn labels(r: &FileReport, start: &str) -> Vec<Label> {
    r.sentences
        .iter()
        .find(|s| s.text.starts_with(start))
        .unwrap_or_else(|| panic!("no unit starts with {start:?}"))
        .labels
        .clone()
}

/// The name of the source the unit starting with `start` binds to.
fn source_of(r: &FileReport, start: &str) -> Option<(String, usize)> {
    r.sentences
        .iter()
        .find(|s| s.text.starts_with(start))?
        .findings
        .iter()
        .find_map(|f| f.source.as_ref().map(|s| (s.name.clone(), s.line)))
}

const NEWS: &str = "Zinc and colds\n\n\
A trial at Leeds General Infirmary enrolled 300 patients in 2019.\n\n\
It was published in the journal Thorax.\n\n\
The researchers then gave half of them a placebo.\n\n\
“Nobody got worse in the treated group,” said lead author Ana Ruiz.\n\n\
“We will go on with a larger trial.”\n\n\
In a new study, scientists tested a nasal spray.\n\n\
The researchers found less congestion.\n\n\
Ruiz said the spray may help.\n\n\
She added:\n\n\
“It is early days for the spray.”\n";

#[test]
fn pointers_bind_across_paragraphs_to_the_latest_compatible_source() {
    let r = report_of(NEWS);
    assert!(labels(&r, "A trial at Leeds").contains(&Label::Cited));
    assert_eq!(
        labels(&r, "The researchers then"),
        vec![Label::Cited],
        "a pointer three paragraphs after its source"
    );
    let (name, line) = source_of(&r, "The researchers then").unwrap();
    assert_eq!(line, 5, "bound to the journal named on line 5: {name}");
    // After an unsourced mention, the same pointer is vague.
    assert_eq!(labels(&r, "The researchers found"), vec![Label::Vague]);
}

#[test]
fn speakers_quotations_and_introducers() {
    let r = report_of(NEWS);
    assert!(labels(&r, "“Nobody got worse").contains(&Label::Cited));
    assert_eq!(source_of(&r, "“Nobody got worse").unwrap().0, "Ana Ruiz");
    // The quotation's next paragraph keeps its speaker.
    assert_eq!(source_of(&r, "“We will go on").unwrap().0, "Ana Ruiz");
    // A surname later names the same person.
    assert_eq!(source_of(&r, "Ruiz said").unwrap().0, "Ana Ruiz");
    // An introducer carries no label; the quotation after it is cited.
    assert!(labels(&r, "She added:").is_empty());
    assert!(labels(&r, "“It is early days").contains(&Label::Cited));
}

#[test]
fn asides_carry_no_label() {
    let r = report_of(
        "Undoubtedly the traffic to the stadium was awful.\n\nUndoubtedly the vaccine works.\n",
    );
    assert!(labels(&r, "Undoubtedly the traffic").is_empty());
    assert!(labels(&r, "Undoubtedly the vaccine").contains(&Label::Absolute));
}

#[test]
fn a_study_needs_two_specifics() {
    let r =
        report_of("A 2019 study found it helped.\n\nA 2019 study of 400 adults found it helped.\n");
    assert!(!labels(&r, "A 2019 study found").contains(&Label::Cited));
    assert!(labels(&r, "A 2019 study of 400").contains(&Label::Cited));
}

/// Every binding is visible in each view an editor or a pipeline reads.
#[test]
fn bindings_show_in_json_terminal_and_html() {
    let r = report_of(NEWS);
    let json = serde_json::to_value(&r).unwrap();
    let bound = json["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["findings"].as_array().unwrap().iter())
        .find(|f| f["rule"] == "C902")
        .expect("a C902 finding");
    assert_eq!(bound["source"]["kind"], "journal");
    assert_eq!(bound["source"]["line"], 5);

    let mut terminal = Vec::new();
    let mut rep = Format::Terminal.reporter(None);
    rep.file(&r, &mut terminal).unwrap();
    let terminal = String::from_utf8(terminal).unwrap();
    assert!(
        terminal.contains("= source: Thorax (journal), line 5"),
        "{terminal}"
    );

    let dir = tempfile::tempdir().unwrap();
    let mut html = Format::Html.reporter(Some(dir.path().to_path_buf()));
    html.file(&r, &mut Vec::new()).unwrap();
    html.finish(&report::Summary::default(), &mut Vec::new())
        .unwrap();
    let page = std::fs::read_to_string(dir.path().join("news.txt.html")).unwrap();
    assert!(
        page.contains("source: <b>Thorax</b> (journal, line 5)"),
        "the tooltip names the source"
    );
}

#[test]
fn an_office_holder_is_a_source_a_headline_word_is_not() {
    let r = report_of(
        "Copper masks\n\n\
         In Chile, the country's mines minister recently touted copper masks against the virus.\n\n\
         The German health minister said the vaccine is safe.\n\n\
         Federal Scientist Says Unproven Treatments Were Pushed\n",
    );
    assert!(labels(&r, "In Chile").contains(&Label::Cited));
    assert_eq!(
        source_of(&r, "In Chile").map(|s| s.0),
        Some("the country's mines minister".to_string())
    );
    assert!(labels(&r, "The German").contains(&Label::Cited));
    // Every word of a headline is capitalised: "Federal" is no place.
    assert!(!labels(&r, "Federal Scientist").contains(&Label::Cited));
}
