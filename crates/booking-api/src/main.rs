//! `booking-api`: the server that decides prices, guards availability and keeps bookings.

fn main() {}
