//! A per-client limit on bookings, in the process: it needs no database
//! round trip, and a client spread over several instances gets at most
//! their sum, which is what a per-instance limit is for.
//!
//! GCRA (the generic cell rate algorithm): one timestamp per client, the
//! "theoretical arrival time", and integer time arithmetic throughout.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Keyed by client IP by default; the sign-in also limits per address.
#[derive(Debug)]
pub struct RateLimiter<K = IpAddr> {
    /// Time one request "costs": a minute over the rate.
    interval: Duration,
    /// How far ahead of now a client may run: `burst − 1` intervals.
    tolerance: Duration,
    clients: Mutex<HashMap<K, Instant>>,
}

/// Past this many clients, those back to a full burst are forgotten.
const MAX_CLIENTS: usize = 10_000;

impl<K: std::hash::Hash + Eq> RateLimiter<K> {
    /// `per_minute` requests a minute on average, `burst` at once.
    #[must_use]
    pub fn new(per_minute: u32, burst: u32) -> Self {
        let interval = Duration::from_secs(60) / per_minute.max(1);
        Self {
            interval,
            tolerance: interval.saturating_mul(burst.max(1) - 1),
            clients: Mutex::new(HashMap::new()),
        }
    }

    /// Admits a request from `client`, or says how long until one would be.
    pub fn check(&self, client: K) -> Result<(), Duration> {
        let now = Instant::now();
        let Ok(mut clients) = self.clients.lock() else {
            return Ok(());
        };
        if clients.len() > MAX_CLIENTS {
            clients.retain(|_, tat| *tat > now);
        }
        let tat = clients
            .get(&client)
            .copied()
            .filter(|tat| *tat > now)
            .unwrap_or(now);
        let ahead = tat - now;
        if ahead > self.tolerance {
            return Err(ahead - self.tolerance);
        }
        clients.insert(client, tat + self.interval);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_then_the_rate() {
        let limiter = RateLimiter::new(60, 3);
        let ip: IpAddr = [127, 0, 0, 1].into();
        for _ in 0..3 {
            assert!(limiter.check(ip).is_ok());
        }
        let wait = limiter.check(ip).expect_err("limited");
        assert!(
            wait <= Duration::from_secs(1) && wait > Duration::from_millis(900),
            "{wait:?}"
        );
        assert!(
            limiter.check([127, 0, 0, 2].into()).is_ok(),
            "another client is not limited"
        );
    }
}
