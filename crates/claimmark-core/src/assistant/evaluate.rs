//! Scoring the classifier against a labelled set.
//!
//! Owns the labelled-set format (`tests/fixtures/certainty/labelled.tsv`:
//! a header, then `id`, `split`, `register`, `label`, `sentence` separated
//! by tabs), its typed errors, and the figures: a confusion matrix,
//! precision, recall and F1 per label and their macro average. It reads
//! strings, not files; the `certainty-eval` binary does the I/O.

use std::fmt::Write as _;

use thiserror::Error;

use super::classify::{classify_sentence, Label};
use super::lexicon::Lexicon;

/// One row of a labelled set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// Its id ("s001").
    pub id: String,
    /// "dev" or "heldout".
    pub split: String,
    /// The register it imitates ("wire", "court", …).
    pub register: String,
    /// The label a careful reader gave it.
    pub label: Label,
    /// The sentence.
    pub sentence: String,
}

/// A row of a labelled set that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LabelledSetError {
    /// Fewer than five tab-separated fields.
    #[error("labelled set line {line}: expected 5 tab-separated fields")]
    MissingFields {
        /// The line, counting from 1.
        line: usize,
    },
    /// A label that is not one of the four.
    #[error("labelled set line {line}: unknown label {label:?}")]
    UnknownLabel {
        /// The line, counting from 1.
        line: usize,
        /// What was there.
        label: String,
    },
}

/// Reads a labelled set; the first line is a header and is skipped.
pub fn parse_labelled(source: &str) -> Result<Vec<Example>, LabelledSetError> {
    let mut examples = Vec::new();
    for (number, line) in source.lines().enumerate().skip(1) {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let line_number = number + 1;
        let mut fields = line.splitn(5, '\t');
        let (Some(id), Some(split), Some(register), Some(label), Some(sentence)) = (
            fields.next(),
            fields.next(),
            fields.next(),
            fields.next(),
            fields.next(),
        ) else {
            return Err(LabelledSetError::MissingFields { line: line_number });
        };
        let label = label
            .parse::<Label>()
            .map_err(|_| LabelledSetError::UnknownLabel {
                line: line_number,
                label: label.to_owned(),
            })?;
        examples.push(Example {
            id: id.to_owned(),
            split: split.to_owned(),
            register: register.to_owned(),
            label,
            sentence: sentence.to_owned(),
        });
    }
    Ok(examples)
}

/// Precision, recall and F1 of one label.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    /// Of the sentences given this label, the share that had it.
    pub precision: f64,
    /// Of the sentences with this label, the share given it.
    pub recall: f64,
    /// Their harmonic mean.
    pub f1: f64,
    /// Sentences with this label.
    pub support: usize,
}

/// The result of running the classifier over examples.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Evaluation {
    /// `confusion[expected][predicted]`, in [`Label::ALL`] order.
    pub confusion: [[usize; 4]; 4],
    /// The examples the classifier got wrong: id, expected, predicted.
    pub errors: Vec<(String, Label, Label)>,
}

fn slot(label: Label) -> usize {
    Label::ALL
        .iter()
        .position(|&other| other == label)
        .unwrap_or_default()
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

impl Evaluation {
    /// Classifies every example.
    pub fn run<'e>(examples: impl IntoIterator<Item = &'e Example>, lexicon: &Lexicon) -> Self {
        let mut evaluation = Evaluation::default();
        for example in examples {
            let predicted = classify_sentence(&example.sentence, lexicon).label;
            if let Some(cell) = evaluation
                .confusion
                .get_mut(slot(example.label))
                .and_then(|row| row.get_mut(slot(predicted)))
            {
                *cell += 1;
            }
            if predicted != example.label {
                evaluation
                    .errors
                    .push((example.id.clone(), example.label, predicted));
            }
        }
        evaluation
    }

    /// The scores of one label.
    pub fn scores(&self, label: Label) -> Scores {
        let at = slot(label);
        let hit = self
            .confusion
            .get(at)
            .and_then(|row| row.get(at))
            .copied()
            .unwrap_or_default();
        let support: usize = self.confusion.get(at).map_or(0, |row| row.iter().sum());
        let predicted: usize = self.confusion.iter().filter_map(|row| row.get(at)).sum();
        let precision = ratio(hit, predicted);
        let recall = ratio(hit, support);
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Scores {
            precision,
            recall,
            f1,
            support,
        }
    }

    /// The mean F1 over the four labels.
    pub fn macro_f1(&self) -> f64 {
        Label::ALL.iter().map(|&l| self.scores(l).f1).sum::<f64>() / Label::ALL.len() as f64
    }

    /// Sentences scored.
    pub fn total(&self) -> usize {
        self.confusion.iter().flatten().sum()
    }

    /// The share classified correctly.
    pub fn accuracy(&self) -> f64 {
        let hits: usize = (0..4)
            .filter_map(|i| self.confusion.get(i).and_then(|row| row.get(i)))
            .sum();
        ratio(hits, self.total())
    }

    /// A plain-text report: the table, macro-F1 and the confusion matrix.
    pub fn report(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{:<12} {:>9} {:>9} {:>9} {:>8}",
            "label", "precision", "recall", "f1", "support"
        );
        for label in Label::ALL {
            let s = self.scores(label);
            let _ = writeln!(
                out,
                "{:<12} {:>9.3} {:>9.3} {:>9.3} {:>8}",
                label.key(),
                s.precision,
                s.recall,
                s.f1,
                s.support
            );
        }
        let _ = writeln!(
            out,
            "\nmacro-F1 {:.3}   accuracy {:.3}   sentences {}",
            self.macro_f1(),
            self.accuracy(),
            self.total()
        );
        let _ = writeln!(out, "\nconfusion (rows: expected, columns: predicted)");
        let _ = write!(out, "{:<12}", "");
        for label in Label::ALL {
            let _ = write!(out, " {:>11}", label.key());
        }
        let _ = writeln!(out);
        for (label, row) in Label::ALL.iter().zip(self.confusion.iter()) {
            let _ = write!(out, "{:<12}", label.key());
            for count in row {
                let _ = write!(out, " {count:>11}");
            }
            let _ = writeln!(out);
        }
        out
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn parses_rows_and_reports_bad_ones() {
        let source = "id\tsplit\tregister\tlabel\tsentence\n\
                      s1\tdev\twire\tunclear\tIt is unclear whether it held.\n\
                      s2\theldout\twire\tno-claim\tRain fell.\n";
        let examples = parse_labelled(source).unwrap();
        assert_eq!(examples.len(), 2);
        assert_eq!(examples[1].label, Label::NoClaim);
        assert_eq!(
            parse_labelled("h\ns1\tdev\twire\tunclear"),
            Err(LabelledSetError::MissingFields { line: 2 })
        );
        assert_eq!(
            parse_labelled("h\ns1\tdev\twire\tsure\tx"),
            Err(LabelledSetError::UnknownLabel {
                line: 2,
                label: "sure".into()
            })
        );
    }

    #[test]
    fn scores_from_a_small_confusion_matrix() {
        let source = "h\n\
            a\tdev\tw\tunclear\tIt is unclear.\n\
            b\tdev\tw\tunclear\tRain fell.\n\
            c\tdev\tw\tno-claim\tSnow fell.\n\
            d\tdev\tw\tconfirmed\tPolice confirmed it.\n";
        let examples = parse_labelled(source).unwrap();
        let evaluation = Evaluation::run(&examples, &Lexicon::english());
        let unclear = evaluation.scores(Label::Unclear);
        assert_eq!(
            (unclear.precision, unclear.recall, unclear.support),
            (1.0, 0.5, 2)
        );
        let none = evaluation.scores(Label::NoClaim);
        assert_eq!((none.precision, none.recall), (0.5, 1.0));
        assert_eq!(evaluation.scores(Label::Unconfirmed).f1, 0.0);
        assert_eq!(evaluation.errors.len(), 1);
        assert!(evaluation.report().contains("macro-F1"));
    }
}
