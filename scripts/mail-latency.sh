#!/usr/bin/env bash
# Time from a booking's 201 to its confirmation accepted by an SMTP server on
# loopback (aiosmtpd), six bookings, SQLite and (through with-postgres.sh)
# PostgreSQL. Needs python3-aiosmtpd (scripts/setup.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/with-postgres.sh cargo test -p booking-api --test mail mail_latency -- --nocapture 2>&1 \
  | grep -E 'mail latency|test result'
