//! Per-client-address rate limits (publish, like) with `governor`; a refusal carries the
//! number of seconds to wait, which becomes `Retry-After`.
//!
//! State is in memory, per process: behind a load balancer each process limits on its own,
//! which is good enough against a single noisy client.

use std::net::IpAddr;
use std::num::NonZeroU32;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::ApiError;

/// A keyed limiter, or none when the limit is 0 (unlimited).
#[derive(Debug)]
pub struct Limiter {
    inner: Option<DefaultKeyedRateLimiter<IpAddr>>,
}

impl Limiter {
    pub fn per_minute(n: u32) -> Limiter {
        Limiter {
            inner: NonZeroU32::new(n).map(|n| RateLimiter::keyed(Quota::per_minute(n))),
        }
    }

    /// Takes one unit for `ip`, or says how long to wait.
    pub fn check(&self, ip: IpAddr) -> Result<(), ApiError> {
        let Some(limiter) = &self.inner else {
            return Ok(());
        };
        limiter.check_key(&ip).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            ApiError::RateLimited(wait.as_secs() + u64::from(wait.subsec_nanos() > 0))
        })
    }

    /// Forgets clients that are back to a full quota (call periodically to bound memory).
    pub fn forget_idle(&self) {
        if let Some(limiter) = &self.inner {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_after_quota_with_retry_after() {
        let l = Limiter::per_minute(2);
        let ip: IpAddr = [10, 0, 0, 1].into();
        assert!(l.check(ip).is_ok());
        assert!(l.check(ip).is_ok());
        match l.check(ip) {
            Err(ApiError::RateLimited(secs)) => assert!((1..=60).contains(&secs)),
            other => panic!("expected rate limit, got {other:?}"),
        }
        // Another client is not affected.
        assert!(l.check([10, 0, 0, 2].into()).is_ok());
        assert!(Limiter::per_minute(0).check(ip).is_ok());
    }
}
