//! The accept loop. The simulators serve their connections themselves rather than
//! through `axum::serve`, because one fault is "close this connection without an
//! answer": each connection gets a [`Connection`] handle in its requests'
//! extensions, and dropping the connection's future closes the socket.

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::{watch, Notify};
use tokio::task::JoinHandle;
use tower::ServiceExt;

/// One accepted connection, as its requests see it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Connection {
    close: Arc<Notify>,
}

impl Connection {
    /// Closes the connection without writing anything more on it; the
    /// request being handled never gets an answer.
    pub(crate) fn close(&self) {
        self.close.notify_one();
    }
}

/// A simulator listening on loopback. Dropping it stops the server.
#[derive(Debug)]
pub struct Running {
    addr: SocketAddr,
    stop: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl Running {
    /// The address it is bound to (the real port when asked for port 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting, closes open connections, and waits for the accept loop.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

/// Binds `listen` and serves `router` on it until the returned handle stops.
pub(crate) async fn serve(listen: SocketAddr, router: Router) -> io::Result<Running> {
    let listener = TcpListener::bind(listen).await?;
    let addr = listener.local_addr()?;
    let (stop, stopped) = watch::channel(false);
    let task = tokio::spawn(accept_loop(listener, router, stopped));
    Ok(Running {
        addr,
        stop,
        task: Some(task),
    })
}

async fn accept_loop(listener: TcpListener, router: Router, mut stopped: watch::Receiver<bool>) {
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors and the like: back off, keep serving.
                    tracing::warn!("accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            },
            _ = stopped.changed() => return,
        };
        let router = router.clone();
        let mut stopped = stopped.clone();
        tokio::spawn(async move {
            let connection = Connection::default();
            let close = connection.close.clone();
            let service = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
                let mut request = request.map(Body::new);
                request.extensions_mut().insert(connection.clone());
                let router = router.clone();
                async move { router.oneshot(request).await }
            });
            let http = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = http => {}
                _ = close.notified() => {}
                _ = stopped.changed() => {}
            }
        });
    }
}
