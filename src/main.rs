//! Entry point of the widget as a full page: install the panic hook, mount
//! on `#storage-widget` (its `data-*` attributes configure it).

fn main() {
    console_error_panic_hook::set_once();
    if let Some(root) = storage_widget::config::page_root() {
        storage_widget::mount_on(root);
    }
}
