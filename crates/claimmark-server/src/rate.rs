//! Request rates, capped per token (or per address without one) with a
//! token bucket from `governor`. Each instance counts its own requests: a
//! client spread over N instances gets at most N times the rate.

use std::net::SocketAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::app::AppState;
use crate::auth::token_hash;
use crate::problem::ApiError;

/// The limiter shared by one instance's requests.
pub type Limiter = DefaultKeyedRateLimiter<Vec<u8>>;

/// `per_second` requests a second, in bursts of up to four times that.
pub fn limiter(per_second: u32) -> Arc<Limiter> {
    let rate = NonZeroU32::new(per_second.max(1)).unwrap_or(NonZeroU32::MIN);
    let burst = rate.saturating_mul(NonZeroU32::new(4).unwrap_or(NonZeroU32::MIN));
    Arc::new(RateLimiter::keyed(
        Quota::per_second(rate).allow_burst(burst),
    ))
}

/// Answers 429 with `Retry-After` to a client over its rate.
pub async fn limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let key = match request.headers().get(header::AUTHORIZATION) {
        Some(value) => token_hash(value.to_str().unwrap_or("")),
        None => request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0.ip().to_string().into_bytes())
            .unwrap_or_default(),
    };
    match state.limiter.check_key(&key) {
        Ok(()) => next.run(request).await,
        Err(not_until) => {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            ApiError::TooManyRequests(wait.as_secs().max(1)).into_response()
        }
    }
}
