//! Settings: the built-in and house lexicons, the matcher compiled from
//! them once, and the resolved configuration. Built once per run and shared
//! by reference across threads; every stage reads it, none changes it.

use std::path::PathBuf;

use crate::ci::config::{self, Config, Policy};
use crate::ci::suppress;
use crate::error::{ConfigError, LexiconError};
use crate::pipeline::classify;
use crate::pipeline::lexicon::words::Words;
use crate::pipeline::lexicon::{self, Entry, Label, Lexicon, Matcher};
use crate::report::RuleDoc;
use crate::severity;

/// Resolved settings: the lexicons and the matcher built from them, once,
/// then shared by reference across threads.
#[derive(Debug)]
pub struct Settings {
    /// Entries in id order; hits index into this list.
    pub(crate) entries: Vec<Entry>,
    pub(crate) matcher: Matcher,
    /// The word lists the context stages read, compiled into one table.
    pub(crate) words: Words,
    /// The resolved configuration (rules on or off, severities, fail-on).
    policy: Policy,
    /// Per entry (same order as `entries`): whether its hits count.
    pub(crate) enabled: Vec<bool>,
}

impl Settings {
    /// The built-in lexicons, extended or overridden by each folder in turn.
    pub fn new(extra_lexicons: &[PathBuf]) -> Result<Settings, LexiconError> {
        let mut lexicon = Lexicon::default();
        lexicon.extend(lexicon::load_builtin()?);
        let mut lists = lexicon::load_builtin_words()?;
        // Ids defined or overridden by house lexicons: their patterns are
        // compiled at start-up (the built-in ones when first needed).
        let mut house = std::collections::BTreeSet::new();
        for dir in extra_lexicons {
            let (entries, house_lists) = lexicon::load_dir_all(dir)?;
            house.extend(entries.iter().map(|e| e.id.clone()));
            lexicon.extend(entries);
            lists.extend(house_lists);
        }
        let words = Words::new(lists);
        let entries: Vec<Entry> = lexicon.entries.into_values().collect();
        for e in &entries {
            if let Some(r) = classify::rules::RULES
                .iter()
                .find(|r| r.id == e.id || r.name == e.name)
            {
                return Err(LexiconError {
                    path: e.origin.clone(),
                    line: 1,
                    column: 1,
                    message: format!(
                        "id `{}` or name `{}` is taken by the context rule {} {}; pick another",
                        e.id, e.name, r.id, r.name
                    ),
                });
            }
        }
        if let Some(e) = entries
            .iter()
            .find(|e| suppress::find(&e.id).is_some() || suppress::find(&e.name).is_some())
        {
            return Err(LexiconError {
                path: e.origin.clone(),
                line: 1,
                column: 1,
                message: format!(
                    "name `{}` is taken by a suppression rule; pick another",
                    e.name
                ),
            });
        }
        let refs: Vec<&Entry> = entries.iter().collect();
        let matcher = Matcher::new(&refs)?;
        matcher.compile_entries(&refs, |e| house.contains(&e.id))?;
        let enabled = vec![true; entries.len()];
        Ok(Settings {
            entries,
            words,
            matcher,
            policy: Policy::default(),
            enabled,
        })
    }

    /// Settings from a configuration: its lexicon folders, then its policy
    /// resolved against the rules they define.
    pub fn from_config(config: &Config) -> Result<Settings, ConfigError> {
        let mut settings = Settings::new(&config.lexicon_dirs())?;
        settings.policy = Policy::resolve(config, &settings.rule_keys(), &fixed_rules())?;
        settings.enabled = settings
            .entries
            .iter()
            .map(|e| settings.policy.enabled(&e.id))
            .collect();
        Ok(settings)
    }

    /// The resolved configuration.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Every rule that gives findings: lexicon entries, then suppression
    /// rules.
    pub fn rule_keys(&self) -> Vec<config::RuleKey> {
        let mut keys: Vec<config::RuleKey> = self
            .entries
            .iter()
            .map(|e| config::RuleKey {
                id: e.id.clone(),
                name: e.name.clone(),
                label: Some(e.label),
            })
            .collect();
        keys.extend(suppress::NOTICE_RULES.iter().map(|r| config::RuleKey {
            id: r.id.to_string(),
            name: r.name.to_string(),
            label: None,
        }));
        keys
    }

    /// The rule ids a key (id, name or label) stands for, or why it names none.
    pub fn rule_ids(&self, key: &str) -> Result<Vec<String>, String> {
        config::resolve_key(key, &self.rule_keys(), &fixed_rules())
    }

    /// The severity of a finding of rule `rule` with label `label` in a unit
    /// labelled `unit_labels`: the rule's configured severity, else its
    /// label's (`cited-absolute` for an absolute claim in a cited unit),
    /// else the built-in one.
    pub fn severity_of(
        &self,
        rule: &str,
        label: Label,
        unit_labels: &[Label],
    ) -> severity::Severity {
        if let Some(s) = self.policy.rule_severity.get(rule) {
            return *s;
        }
        if label == Label::Absolute && unit_labels.contains(&Label::Cited) {
            if let Some(s) = self.policy.cited_absolute {
                return s;
            }
        } else if let Some(s) = self.policy.label_severity.get(&label) {
            return *s;
        }
        severity::default_for(label, unit_labels)
    }

    /// The severity of a suppression notice.
    pub fn notice_severity(&self, rule: &str) -> severity::Severity {
        self.policy
            .rule_severity
            .get(rule)
            .copied()
            .unwrap_or(if rule == suppress::UNUSED {
                severity::Severity::Note
            } else {
                severity::Severity::Warning
            })
    }

    /// The lexicon entries, in id order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The word lists (speech verbs, titles, pointer nouns, health terms…).
    pub fn words(&self) -> &Words {
        &self.words
    }

    /// The compiled lexicons (for benches and tools that scan directly).
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// The kind of source a cited entry's hits name (`None` for other
    /// entries and for context rules).
    pub fn source_kind(&self, id: &str) -> Option<lexicon::SourceKind> {
        self.entries
            .binary_search_by(|e| e.id.as_str().cmp(id))
            .ok()
            .and_then(|i| self.entries[i].source)
    }

    /// A lexicon entry by its exact id (a binary search: the entries are in
    /// id order).
    pub fn entry_by_id(&self, id: &str) -> Option<&Entry> {
        self.entries
            .binary_search_by(|e| e.id.as_str().cmp(id))
            .ok()
            .and_then(|i| self.entries.get(i))
    }

    /// A lexicon entry by id or name.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.id.eq_ignore_ascii_case(key) || e.name == key)
    }
}

/// The context rules, which a configuration may not select or ignore.
fn fixed_rules() -> Vec<config::FixedRule> {
    classify::rules::RULES
        .iter()
        .map(|r| config::FixedRule {
            id: r.id,
            name: r.name,
        })
        .collect()
}

impl Settings {
    /// The documentation of every rule (lexicon entries, context rules,
    /// suppression notices), in id order.
    pub fn rule_docs(&self) -> Vec<RuleDoc> {
        let mut docs: Vec<RuleDoc> = self
            .entries()
            .iter()
            .map(|e| RuleDoc {
                id: e.id.clone(),
                name: e.name.clone(),
                label: Some(e.label),
                summary: e.summary.clone(),
                doc: e.doc.clone(),
                default_severity: self.severity_of(&e.id, e.label, &[e.label]),
            })
            .collect();
        // Context rules: the sources stage's give findings of their own
        // (C902 source-pointer, V902 unsourced-pointer...), and every result
        // a SARIF reader sees must have its rule described.
        docs.extend(classify::rules::RULES.iter().map(|r| RuleDoc {
            id: r.id.to_string(),
            name: r.name.to_string(),
            label: Some(r.label),
            summary: r.summary.to_string(),
            doc: r.doc.to_string(),
            default_severity: self.severity_of(r.id, r.label, &[r.label]),
        }));
        docs.extend(suppress::NOTICE_RULES.iter().map(|r| RuleDoc {
            id: r.id.to_string(),
            name: r.name.to_string(),
            label: None,
            summary: r.summary.to_string(),
            doc: r.doc.to_string(),
            default_severity: self.notice_severity(r.id),
        }));
        docs.sort_by(|a, b| a.id.cmp(&b.id));
        docs
    }
}
