//! "Already booked? Sign in": the address, the code mailed to it, then the
//! tenant's bookings and what is unpaid. The token stays in memory.

mod account_panel;
mod code_step;
mod email_step;
mod sign_in_flow;
mod step_heading;

pub use account_panel::AccountPanel;
pub use code_step::CodeStep;
pub use email_step::EmailStep;
pub use sign_in_flow::SignInFlow;
pub use step_heading::StepHeading;
