//! Every request a simulator's upstream API received, so that tests can count
//! upstream calls ("exactly one booking", "N calls per 1,000 listing views").
//! Control requests (`/_sim/...`) are not upstream calls and are not recorded.
//! Kept in memory and served on loopback only; never written to a log line
//! (queries may hold a tenant's e-mail).

use std::collections::{BTreeMap, VecDeque};
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::faults::path_matches;
use crate::lock;

/// The most entries kept; counts cover every request regardless.
const KEPT: usize = 10_000;

/// What became of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Handled and answered.
    Answered,
    /// Answered by an armed fault (status or 429) without being handled.
    Fault,
    /// Connection closed before the request was handled.
    DroppedRequest,
    /// Handled, then the connection closed before the answer.
    DroppedResponse,
    /// Still being handled.
    InFlight,
}

/// One upstream request.
#[derive(Debug, Clone, Serialize)]
pub struct RequestEntry {
    pub seq: u64,
    pub at: DateTime<Utc>,
    pub method: String,
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// The status handled or sent; for a dropped response, the one that was
    /// never delivered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    pub outcome: Outcome,
}

/// The log as `GET /_sim/requests` serves it.
#[derive(Debug, Clone, Serialize)]
pub struct RequestSummary {
    /// Every upstream request since start or the last clear.
    pub total: u64,
    /// Requests that matched the filter given (all when none).
    pub matching: u64,
    /// Counts per `"METHOD /path"`, every request included.
    pub by_path: BTreeMap<String, u64>,
    /// The matching entries among the last 10,000, oldest first.
    pub entries: Vec<RequestEntry>,
}

#[derive(Debug, Default)]
struct Inner {
    next_seq: u64,
    total: u64,
    by_path: BTreeMap<String, u64>,
    entries: VecDeque<RequestEntry>,
}

/// The request log of one simulator.
#[derive(Debug, Default)]
pub struct RequestLog {
    inner: Mutex<Inner>,
}

impl RequestLog {
    /// Records a request as in flight; returns its sequence number.
    pub(crate) fn start(&self, method: &str, path: &str, query: Option<&str>) -> u64 {
        let mut inner = lock(&self.inner);
        inner.next_seq += 1;
        inner.total += 1;
        let seq = inner.next_seq;
        *inner.by_path.entry(format!("{method} {path}")).or_default() += 1;
        if inner.entries.len() == KEPT {
            inner.entries.pop_front();
        }
        inner.entries.push_back(RequestEntry {
            seq,
            at: crate::now(),
            method: method.to_owned(),
            path: path.to_owned(),
            query: query.map(str::to_owned),
            status: None,
            outcome: Outcome::InFlight,
        });
        seq
    }

    /// Records how request `seq` ended.
    pub(crate) fn finish(&self, seq: u64, status: Option<u16>, outcome: Outcome) {
        let mut inner = lock(&self.inner);
        if let Some(entry) = inner.entries.iter_mut().rev().find(|e| e.seq == seq) {
            entry.status = status;
            entry.outcome = outcome;
        }
    }

    /// The log, its entries filtered by method and path pattern (as for faults).
    pub fn summary(&self, method: Option<&str>, path: Option<&str>) -> RequestSummary {
        let inner = lock(&self.inner);
        let wanted = |m: &str, p: &str| {
            method.is_none_or(|w| w.eq_ignore_ascii_case(m))
                && path.is_none_or(|pattern| path_matches(pattern, p))
        };
        let matching = inner
            .by_path
            .iter()
            .filter(|(key, _)| key.split_once(' ').is_some_and(|(m, p)| wanted(m, p)))
            .map(|(_, n)| n)
            .sum();
        RequestSummary {
            total: inner.total,
            matching,
            by_path: inner.by_path.clone(),
            entries: inner
                .entries
                .iter()
                .filter(|e| wanted(&e.method, &e.path))
                .cloned()
                .collect(),
        }
    }

    /// How many requests had this method and a path matching `path`.
    pub fn count(&self, method: &str, path: &str) -> u64 {
        self.summary(Some(method), Some(path)).matching
    }

    /// Forgets every request.
    pub fn clear(&self) {
        *lock(&self.inner) = Inner::default();
    }
}
