//! The bookings list as CSV, for a spreadsheet: one row per booking, a
//! header row, and every cell that a spreadsheet would read as a formula
//! (starting with `=`, `+`, `-`, `@`, tab or carriage return) prefixed
//! with `'` (OWASP's advice against CSV injection): tenants type their own
//! names.

use crate::service::admin::AdminBooking;

const HEADER: [&str; 20] = [
    "id",
    "transactId",
    "status",
    "propertyInfoId",
    "storageInfoId",
    "storageSpaceSizeInfoId",
    "priceId",
    "mode",
    "moveInDate",
    "dueAtMoveIn",
    "currency",
    "paid",
    "outstanding",
    "moveInInvoiceSettled",
    "createdAt",
    "cancelledAt",
    "tenantFirstName",
    "tenantLastName",
    "tenantEmail",
    "tenantPhoneNumber",
];

/// A cell a spreadsheet will show as text.
fn defused(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// The CSV document of `bookings`.
///
/// # Errors
/// Writing to memory failed (it does not).
pub fn bookings_csv(bookings: &[AdminBooking]) -> Result<Vec<u8>, csv::Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(HEADER)?;
    for b in bookings {
        let row = [
            b.id.clone(),
            b.transact_id.clone(),
            b.status.as_str().to_owned(),
            b.property_info_id.clone(),
            b.selection.storage_info_id.clone(),
            b.selection.storage_space_size_info_id.clone(),
            b.price_id.clone(),
            b.mode.clone(),
            b.move_in_date.format("%Y-%m-%d").to_string(),
            b.due_at_move_in.to_string(),
            b.currency.clone(),
            b.paid.to_string(),
            b.outstanding.to_string(),
            b.move_in_invoice_settled.to_string(),
            b.created_at.clone(),
            b.cancelled_at.clone().unwrap_or_default(),
            b.tenant.first_name.clone(),
            b.tenant.last_name.clone(),
            b.tenant.email.clone(),
            b.tenant.phone_number.clone(),
        ];
        out.write_record(row.iter().map(|cell| defused(cell).into_owned()))?;
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

#[cfg(test)]
mod tests {
    use super::defused;

    #[test]
    fn formulas_become_text() {
        assert_eq!(defused("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defused("+33 1 11 12"), "'+33 1 11 12");
        assert_eq!(defused("-1"), "'-1");
        assert_eq!(defused("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defused("Giada"), "Giada");
        assert_eq!(defused("a=b"), "a=b");
    }
}
