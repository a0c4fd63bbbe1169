//! The article at a glance: how many sentences are confirmed, unclear,
//! unconfirmed or untagged (a sentence takes the most cautious claim over
//! it, see [`claimmark_core::view::reading_cursor::overview`]), as counts and as a
//! stacked SVG bar. The bar is an image with a text alternative; the counts
//! beside it carry the symbols, so nothing rests on colour alone. Before
//! the first claim it says so in words ("15 sentences, none tagged yet")
//! instead of an empty bar.
//!
//! Not here: cutting and counting the sentences ([`crate::hooks::overview`]).

use yew::prelude::*;

use claimmark_core::Certainty;

/// Width of the bar's view box.
const BAR_WIDTH: usize = 300;
/// Height of the bar's view box.
const BAR_HEIGHT: usize = 14;

/// Props of [`Overview`].
#[derive(Properties, PartialEq)]
pub struct OverviewProps {
    /// Sentences: confirmed, unclear, unconfirmed, untagged; `None` while
    /// they are being counted (the overview says so, busy).
    pub counts: Option<[usize; 4]>,
}

/// Keys, labels and symbols of the four parts.
fn parts() -> [(&'static str, &'static str, &'static str); 4] {
    let [c, u, n] = Certainty::ALL.map(|c| (c.key(), c.label(), c.symbol()));
    [c, u, n, ("untagged", "Untagged", "○")]
}

/// The certainty overview of the article.
#[component]
pub fn Overview(props: &OverviewProps) -> Html {
    let title_id = crate::embed::use_unique_id("cm-overview-title");
    let Some(counts) = props.counts else {
        return html! {
            <section class="cm-overview" aria-labelledby={title_id.clone()} aria-busy="true">
                <h2 class="cm-overview-title" id={title_id}>{ "Sentences" }</h2>
                <p class="cm-overview-pending">{ "Counting sentences…" }</p>
            </section>
        };
    };
    let total: usize = counts.iter().sum();
    if counts.iter().take(3).all(|&n| n == 0) {
        return html! {
            <section class="cm-overview" aria-labelledby={title_id.clone()}>
                <h2 class="cm-overview-title" id={title_id}>{ "Sentences" }</h2>
                <p class="cm-overview-empty">{ none_tagged(total) }</p>
            </section>
        };
    }
    let summary = parts()
        .iter()
        .zip(counts)
        .map(|((_, label, _), n)| format!("{n} {}", label.to_lowercase()))
        .collect::<Vec<_>>()
        .join(", ");
    let mut left = 0;
    let mut drawn = 0;
    let rects: Html = parts()
        .iter()
        .zip(counts)
        .map(|((key, _, _), n)| {
            drawn += n;
            // Cumulative rounding, so the parts always fill the bar exactly.
            let right = (drawn * BAR_WIDTH).checked_div(total).unwrap_or(0);
            let width = right.saturating_sub(left);
            let x = left;
            left = right;
            html! {
                <rect class="cm-overview-part" data-certainty={*key} x={x.to_string()} y="0"
                    width={width.to_string()} height={BAR_HEIGHT.to_string()} />
            }
        })
        .collect();
    html! {
        <section class="cm-overview" aria-labelledby={title_id.clone()}>
            <h2 class="cm-overview-title" id={title_id}>{ format!("Sentences ({total})") }</h2>
            <svg class="cm-overview-bar" role="img" aria-label={format!("Sentences by certainty: {summary}")}
                viewBox={format!("0 0 {BAR_WIDTH} {BAR_HEIGHT}")} preserveAspectRatio="none">
                <rect class="cm-overview-track" x="0" y="0" width={BAR_WIDTH.to_string()} height={BAR_HEIGHT.to_string()} />
                { rects }
            </svg>
            <ul class="cm-overview-counts">
                { for parts().iter().zip(counts).map(|((key, label, symbol), n)| html! {
                    <li data-certainty={*key}>
                        <span class="cm-swatch" aria-hidden="true">{ *symbol }</span>
                        { format!("{label}: ") }<span class="cm-overview-count">{ n }</span>
                    </li>
                }) }
            </ul>
        </section>
    }
}

/// What the overview says before the first claim.
fn none_tagged(total: usize) -> String {
    match total {
        0 => "No sentences yet".to_owned(),
        1 => "1 sentence, not tagged yet".to_owned(),
        n => format!("{n} sentences, none tagged yet"),
    }
}

#[cfg(test)]
mod tests {
    use super::none_tagged;

    #[test]
    fn before_the_first_claim_the_overview_counts_the_sentences_in_words() {
        assert_eq!(none_tagged(15), "15 sentences, none tagged yet");
        assert_eq!(none_tagged(1), "1 sentence, not tagged yet");
        assert_eq!(none_tagged(0), "No sentences yet");
    }
}
