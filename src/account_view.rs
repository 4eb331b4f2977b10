//! The tenant's account as the widget shows it: the server's tenant view
//! (`booking_model::TenantAccount`, StoRegister's shape, `DD-MM-YYYY`
//! dates) made into rows of typed values, so that the component only
//! writes them out in the tenant's language.

use booking_model::{Contract, TenantAccount, UnpaidInvoice};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A contract's `leaseStatus.key`. A key the widget does not know keeps
/// its server text rather than being hidden.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeaseStatus {
    Initiated,
    Cancelled,
    Active,
    Other(String),
}

impl LeaseStatus {
    #[must_use]
    pub fn from_key(key: &str, value: &str) -> Self {
        match key {
            "INITIATED" => Self::Initiated,
            "CANCELLED" => Self::Cancelled,
            "ACTIVE" => Self::Active,
            _ => Self::Other(value.to_owned()),
        }
    }
}

/// One booking of the tenant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractRow {
    pub reference: String,
    /// "Box 8 m²" at "Chalets".
    pub unit: String,
    pub property: String,
    pub status: LeaseStatus,
    /// `None` if the server's date is not `DD-MM-YYYY`.
    pub move_in: Option<NaiveDate>,
}

/// One invoice still (partly) unpaid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceRow {
    pub reference: String,
    pub date: Option<NaiveDate>,
    /// What is left to pay.
    pub due: Decimal,
}

/// The account, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountView {
    pub contracts: Vec<ContractRow>,
    pub unpaid: Vec<InvoiceRow>,
    /// Negative while something is unpaid.
    pub balance: Decimal,
}

impl AccountView {
    #[must_use]
    pub fn of(account: &TenantAccount) -> Self {
        Self {
            contracts: account.contract.iter().map(contract_row).collect(),
            unpaid: account.un_paid_invoice.iter().map(invoice_row).collect(),
            balance: account.contact_insight.account_balance.price.0,
        }
    }
}

fn contract_row(contract: &Contract) -> ContractRow {
    ContractRow {
        reference: contract.transact_id.clone(),
        unit: contract.storage_name.clone(),
        property: contract.property_name.clone(),
        status: LeaseStatus::from_key(&contract.lease_status.key, &contract.lease_status.value),
        move_in: wire_date(&contract.move_in_date),
    }
}

fn invoice_row(invoice: &UnpaidInvoice) -> InvoiceRow {
    InvoiceRow {
        reference: invoice
            .rental_info_transact_id
            .clone()
            .unwrap_or_else(|| invoice.transact_id.clone()),
        date: wire_date(&invoice.transact_date),
        due: invoice.balance_amount.price.0,
    }
}

/// StoRegister's `DD-MM-YYYY`, read by hand: chrono's `parse_from_str`
/// brings strftime's interpreter into the wasm.
fn wire_date(text: &str) -> Option<NaiveDate> {
    let mut parts = text.splitn(3, '-');
    let mut number = |digits: usize| {
        parts
            .next()
            .filter(|p| p.len() == digits && p.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|p| p.parse::<u32>().ok())
    };
    let (day, month, year) = (number(2)?, number(2)?, number(4)?);
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tenant view as the server writes it: amounts as JSON numbers.
    const VIEW: &str = r#"{
      "contactBook": {"id": "c-1", "firstName": "Giada", "lastName": "Rossi",
        "email": "giada@example.com", "phoneNumber": "+33522243838", "address": "1 rue A",
        "city": "Toulouse", "postalCode": "31000", "region": null, "country": null,
        "profileImageInfoPath": null},
      "contactInsight": {"totalContractCount": 2, "activeContractCount": 1,
        "unpaidInvoiceCount": 1,
        "unpaidInvoiceAmount": {"price": 112.1, "formattedPrice": "112,10 €"},
        "accountBalance": {"price": -112.1, "formattedPrice": "-112,10 €"}},
      "contract": [
        {"id": "r-1", "transactId": "CAT70", "storageName": "Box 8 m²", "propertyName": "Chalets",
         "spaceId": "s-1", "transactDate": "04-02-2024", "moveInDate": "07-02-2024",
         "rentalAmount": {"price": 89.0, "formattedPrice": "89,00 €"},
         "rentalPayableAmount": {"price": 89.0, "formattedPrice": "89,00 €"},
         "leaseStatus": {"key": "INITIATED", "value": "Initiated"}, "paymentPeriod": "Monthly"},
        {"id": "r-2", "transactId": "CAT71", "storageName": "Box 4 m²", "propertyName": "Chalets",
         "spaceId": "s-2", "transactDate": "04-02-2024", "moveInDate": "2024-02-09",
         "rentalAmount": {"price": 49, "formattedPrice": "49,00 €"},
         "rentalPayableAmount": {"price": 49, "formattedPrice": "49,00 €"},
         "leaseStatus": {"key": "ON_HOLD", "value": "On hold"}, "paymentPeriod": "Monthly"}
      ],
      "unPaidInvoice": [
        {"id": "i-1", "sequenceId": 1, "transactDate": "04-02-2024", "transactId": "INV-1",
         "transactionType": "INVOICE", "transactionTypeValue": "Invoice", "rentalInfoId": "r-1",
         "rentalInfoTransactId": "CAT70",
         "grossAmount": {"price": 132.1, "formattedPrice": "132,10 €"},
         "paidAmount": {"price": 20, "formattedPrice": "20,00 €"},
         "balanceAmount": {"price": 112.1, "formattedPrice": "112,10 €"},
         "reverseTxnStatus": null, "reverseTxnStatusValue": null,
         "transactionAssetsInfoId": "a-1"}
      ]
    }"#;

    #[test]
    fn the_view_becomes_typed_rows() {
        let account: TenantAccount = serde_json::from_str(VIEW).expect("tenant view");
        let view = AccountView::of(&account);
        assert_eq!(view.contracts.len(), 2);
        let first = &view.contracts[0];
        assert_eq!(first.reference, "CAT70");
        assert_eq!(first.unit, "Box 8 m²");
        assert_eq!(first.property, "Chalets");
        assert_eq!(first.status, LeaseStatus::Initiated);
        assert_eq!(first.move_in, NaiveDate::from_ymd_opt(2024, 2, 7));
        // An unknown status keeps the server's words; a date in another
        // shape is left out rather than misread.
        assert_eq!(
            view.contracts[1].status,
            LeaseStatus::Other("On hold".into())
        );
        assert_eq!(view.contracts[1].move_in, None);
        assert_eq!(
            view.unpaid,
            vec![InvoiceRow {
                reference: "CAT70".into(),
                date: NaiveDate::from_ymd_opt(2024, 2, 4),
                due: Decimal::new(11210, 2),
            }]
        );
        assert_eq!(view.balance, Decimal::new(-11210, 2), "exact, no float");
    }

    #[test]
    fn statuses_are_read_from_their_keys() {
        assert_eq!(
            LeaseStatus::from_key("ACTIVE", "Active"),
            LeaseStatus::Active
        );
        assert_eq!(
            LeaseStatus::from_key("CANCELLED", "Cancelled"),
            LeaseStatus::Cancelled
        );
        assert_eq!(
            LeaseStatus::from_key("INITIATED", "x"),
            LeaseStatus::Initiated
        );
    }
}
