//! Entry point of the widget as a full page: install the panic hook, mount.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(storage_widget::App);
}
