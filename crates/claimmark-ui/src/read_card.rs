//! The card of one claim in read mode: its certainty (symbol and word,
//! never colour alone), quote, the fact-checker's note and the source
//! links (each opens in a new tab, `rel="noopener noreferrer"`). Nothing
//! on it changes the claim. It opens on hover, focus, tap or Enter; Escape
//! or Close puts it away.
//!
//! Not here: when it opens or closes (the editor's `hooks::card`, the
//! reader's root).

use yew::prelude::*;

use std::rc::Rc;

use claimmark_core::Claim;

/// Props of [`ReadCard`].
#[derive(Properties, PartialEq)]
pub struct ReadCardProps {
    /// The claim shown.
    pub claim: Rc<Claim>,
    /// Position inside the widget: (left, top) in CSS pixels.
    pub at: (i32, i32),
    /// Move focus into the card (opened by Enter or a tap, not by hover
    /// or focus, which must not take focus away from the reader).
    #[prop_or_default]
    pub take_focus: bool,
    /// Close the card.
    pub on_close: Callback<()>,
}

/// The read-only dialog for one claim.
#[component]
pub fn ReadCard(props: &ReadCardProps) -> Html {
    let close = use_node_ref();
    let annotation = &props.claim.annotation;
    let id = annotation.id;
    {
        let (close, take_focus) = (close.clone(), props.take_focus);
        use_effect_with((id, take_focus), move |_| {
            if take_focus {
                crate::dialog::focus(&close);
            }
        });
    }
    let on_keydown = crate::dialog::close_on_escape(&props.on_close);
    let on_close = props.on_close.reform(|_: MouseEvent| ());
    let heading_id = format!("cm-read-card-title-{id}");
    let style = format!("left:{}px;top:{}px", props.at.0, props.at.1);
    html! {
        <div class="cm-card cm-read-card" role="dialog" aria-modal="false" aria-labelledby={heading_id.clone()}
            data-annotation-id={id.to_string()} data-certainty={annotation.certainty.key()}
            onkeydown={on_keydown} {style}>
            <h2 class="cm-card-title" id={heading_id}>
                <span class="cm-swatch" aria-hidden="true">{ annotation.certainty.symbol() }</span>
                { format!("{} claim", annotation.certainty.label()) }
            </h2>
            <blockquote class="cm-quote" dir="auto">{ annotation.target.quote.exact.clone() }</blockquote>
            if !annotation.note.is_empty() {
                <p class="cm-note" dir="auto">{ annotation.note.clone() }</p>
            }
            if !annotation.sources.is_empty() {
                <div class="cm-sources">
                    <h3>{ "Sources" }</h3>
                    <ul>
                        { for annotation.sources.iter().map(|url| html! {
                            <li key={url.as_str().to_owned()}>
                                <a href={url.as_str().to_owned()} target="_blank" rel="noopener noreferrer" dir="auto">{ url.as_str().to_owned() }</a>
                            </li>
                        }) }
                    </ul>
                </div>
            }
            <div class="cm-card-actions">
                <button type="button" class="cm-button" ref={close} onclick={on_close}>{ "Close" }</button>
            </div>
        </div>
    }
}
