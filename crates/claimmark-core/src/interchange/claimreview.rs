//! schema.org `ClaimReview` JSON-LD: one review per claim, for search
//! engines and fact-check aggregators.
//!
//! Each review carries what the largest consumer requires and recommends:
//! `claimReviewed` (the quote), `reviewRating` (a `Rating` whose
//! `alternateName` is the certainty's label, `ratingValue` 1 unconfirmed,
//! 2 unclear, 3 confirmed, always with `worstRating` 1 and `bestRating`
//! 3), `url` (the page with a text fragment pointing at the claim),
//! `author` (an `Organization`), `datePublished`, and `itemReviewed` (a
//! `Claim` whose `appearance` is the article, a `CreativeWork` with its
//! URL). Every claim has a verdict, so every claim gets a review; they come
//! in document order, as a JSON array.

use serde::Serialize;
use thiserror::Error;

use super::text_fragment::text_fragment_link;
use super::w3c::canonical_order;
use crate::model::annotation::{Annotation, InvalidSourceUrl, SourceUrl, Timestamp};

/// Longest author name accepted, in code points.
pub const MAX_AUTHOR_CHARS: usize = 200;

/// Who publishes the reviews.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    /// The organisation's name.
    pub name: String,
    /// Its home page, if given.
    pub url: Option<SourceUrl>,
}

/// Why reviews could not be written.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ClaimReviewError {
    /// The article's URL is not a usable http(s) URL.
    #[error("the page URL {url:?} cannot be used: {reason}")]
    PageUrl {
        /// The URL given.
        url: String,
        /// Why.
        reason: InvalidSourceUrl,
    },
    /// The author's name is empty or too long.
    #[error("the author's name must be 1 to 200 characters")]
    AuthorName,
}

#[derive(Serialize)]
struct Review<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    url: String,
    #[serde(rename = "claimReviewed")]
    claim_reviewed: &'a str,
    #[serde(rename = "reviewRating")]
    review_rating: Rating,
    #[serde(rename = "itemReviewed")]
    item_reviewed: Claim<'a>,
    author: Organization<'a>,
    #[serde(rename = "datePublished")]
    date_published: Timestamp,
}

#[derive(Serialize)]
struct Rating {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "ratingValue")]
    rating_value: u8,
    #[serde(rename = "worstRating")]
    worst_rating: u8,
    #[serde(rename = "bestRating")]
    best_rating: u8,
    #[serde(rename = "alternateName")]
    alternate_name: &'static str,
}

#[derive(Serialize)]
struct Claim<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    appearance: CreativeWork<'a>,
}

#[derive(Serialize)]
struct CreativeWork<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: &'a str,
}

#[derive(Serialize)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

/// The reviews of `annotations` as a pretty-printed JSON array (with a final
/// newline). `page_url` is the article's page; `published` the review date
/// (each claim's last modification when `None`); `document_text`, when
/// given, lets text fragments tell repeated quotes apart.
pub fn claim_reviews(
    annotations: &[Annotation],
    page_url: &str,
    author: &Author,
    published: Option<Timestamp>,
    document_text: Option<&str>,
) -> Result<String, ClaimReviewError> {
    let page = SourceUrl::parse(page_url).map_err(|reason| ClaimReviewError::PageUrl {
        url: page_url.chars().take(80).collect(),
        reason,
    })?;
    let name = author.name.trim();
    if name.is_empty() || name.chars().count() > MAX_AUTHOR_CHARS {
        return Err(ClaimReviewError::AuthorName);
    }
    // The article itself is the page without any fragment.
    let article = page.as_str().split('#').next().unwrap_or_default();
    let reviews: Vec<Review<'_>> = canonical_order(annotations)
        .into_iter()
        .map(|annotation| Review {
            context: "https://schema.org",
            kind: "ClaimReview",
            url: text_fragment_link(article, &annotation.target.quote, document_text),
            claim_reviewed: &annotation.target.quote.exact,
            review_rating: Rating {
                kind: "Rating",
                rating_value: annotation.certainty.rating_value(),
                worst_rating: 1,
                best_rating: 3,
                alternate_name: annotation.certainty.label(),
            },
            item_reviewed: Claim {
                kind: "Claim",
                appearance: CreativeWork {
                    kind: "CreativeWork",
                    url: article,
                },
            },
            author: Organization {
                kind: "Organization",
                name,
                url: author.url.as_ref().map(SourceUrl::as_str),
            },
            date_published: published.unwrap_or(annotation.modified),
        })
        .collect();
    let mut json = serde_json::to_string_pretty(&reviews).unwrap_or_default();
    json.push('\n');
    Ok(json)
}
