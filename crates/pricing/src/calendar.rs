//! Billing-cycle dates: where the first full cycle starts and whether a
//! prorated stub comes before it.

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::error::{PricingError, Result};
use crate::request::{Anchor, DailyRate};

/// The move-in invoice's stub, when the move-in is not on a cycle start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stub {
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Days charged: move-in up to the next fixed day.
    pub days: u32,
    /// Days in the month that the stub belongs to (`next − prev`).
    pub days_in_month: u32,
}

/// The dates of a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Schedule {
    pub stub: Option<Stub>,
    pub full_start: NaiveDate,
    pub full_end: NaiveDate,
}

pub(crate) fn schedule(move_in: NaiveDate, anchor: Anchor, months: u32) -> Result<Schedule> {
    let out_of_range = || PricingError::new("moveInDate", "too far in the future to bill");
    let (stub, full_start) = match anchor {
        Anchor::FixedDay(day) if move_in.day() != day => {
            let this_month = move_in.with_day(day).ok_or_else(out_of_range)?;
            let prev = if move_in.day() > day {
                this_month
            } else {
                this_month
                    .checked_sub_months(Months::new(1))
                    .ok_or_else(out_of_range)?
            };
            let next = prev
                .checked_add_months(Months::new(1))
                .ok_or_else(out_of_range)?;
            let days = day_count(move_in, next).ok_or_else(out_of_range)?;
            let days_in_month = day_count(prev, next).ok_or_else(out_of_range)?;
            let end = next.pred_opt().ok_or_else(out_of_range)?;
            let stub = Stub {
                start: move_in,
                end,
                days,
                days_in_month,
            };
            (Some(stub), next)
        }
        Anchor::FixedDay(_) | Anchor::Anniversary => (None, move_in),
    };
    // Adding months clamps to the month's end (31 Jan + 1 month = 29 Feb).
    let full_end = full_start
        .checked_add_months(Months::new(months))
        .and_then(|d| d.checked_sub_days(Days::new(1)))
        .ok_or_else(out_of_range)?;
    Ok(Schedule {
        stub,
        full_start,
        full_end,
    })
}

fn day_count(from: NaiveDate, to: NaiveDate) -> Option<u32> {
    u32::try_from((to - from).num_days()).ok()
}

/// How much of a monthly price a line is charged for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Share {
    /// A stub: part of one month, by the operator's daily rate.
    Stub {
        days: u32,
        days_in_month: u32,
        rate: DailyRate,
    },
    /// A full cycle of this many months.
    Months(u32),
    /// A one-time charge, taken as it is.
    Once,
}
