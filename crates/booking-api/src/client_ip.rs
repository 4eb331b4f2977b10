//! Whose request it is, for the per-client limits. Behind a load balancer
//! every request comes from the balancer's address, and one limit would be
//! shared by all tenants; `X-Forwarded-For` names the client, but anyone can
//! write it. So it is read only when the connection comes from a proxy the
//! operator trusts (`--trusted-proxy`), and from the right: each trusted
//! proxy appends the address it saw, and the first address from the right
//! that is not a trusted proxy is the client's.

use std::net::IpAddr;

use axum::http::HeaderMap;
use ipnet::IpNet;

/// The client behind `peer`, the address the connection came from.
#[must_use]
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let hops = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .collect::<Vec<_>>();
    let mut client = peer;
    for hop in hops.iter().rev() {
        // A hop that is not an address (a proxy's "unknown", garbage) ends
        // the chain: what is left of it cannot be vouched for.
        let Ok(ip) = hop.trim().parse::<IpAddr>() else {
            break;
        };
        client = ip;
        if !is_trusted(&ip) {
            break;
        }
    }
    client
}

/// An address or a network, as `--trusted-proxy` takes them.
///
/// # Errors
/// Neither an IP address nor a CIDR network.
pub fn parse_network(text: &str) -> Result<IpNet, String> {
    let text = text.trim();
    text.parse::<IpNet>()
        .or_else(|_| text.parse::<IpAddr>().map(IpNet::from))
        .map_err(|_| format!("`{text}` is neither an IP address nor a network like 10.0.0.0/8"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn forwarded(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for v in values {
            headers.append("x-forwarded-for", HeaderValue::from_str(v).expect("header"));
        }
        headers
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("ip")
    }

    fn nets(list: &[&str]) -> Vec<IpNet> {
        list.iter()
            .map(|n| parse_network(n).expect("network"))
            .collect()
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_claims() {
        let headers = forwarded(&["203.0.113.9"]);
        assert_eq!(
            client_ip(ip("198.51.100.7"), &headers, &nets(&["10.0.0.0/8"])),
            ip("198.51.100.7")
        );
        assert_eq!(client_ip(ip("10.0.0.2"), &headers, &[]), ip("10.0.0.2"));
    }

    #[test]
    fn the_rightmost_untrusted_hop_is_the_client() {
        let trusted = nets(&["10.0.0.0/8", "192.0.2.1"]);
        // A spoofed first entry, the real client, then two trusted proxies.
        let headers = forwarded(&["1.2.3.4, 203.0.113.9", "192.0.2.1"]);
        assert_eq!(
            client_ip(ip("10.1.2.3"), &headers, &trusted),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn a_chain_of_trusted_hops_or_garbage_stops_where_it_can_vouch() {
        let trusted = nets(&["10.0.0.0/8"]);
        assert_eq!(
            client_ip(ip("10.0.0.1"), &forwarded(&["10.0.0.5"]), &trusted),
            ip("10.0.0.5")
        );
        assert_eq!(
            client_ip(
                ip("10.0.0.1"),
                &forwarded(&["203.0.113.9, unknown"]),
                &trusted
            ),
            ip("10.0.0.1")
        );
        assert_eq!(
            client_ip(ip("10.0.0.1"), &HeaderMap::new(), &trusted),
            ip("10.0.0.1")
        );
        assert_eq!(
            client_ip(ip("::1"), &forwarded(&["2001:db8::7"]), &nets(&["::1"])),
            ip("2001:db8::7")
        );
    }

    #[test]
    fn networks_are_addresses_or_cidr() {
        assert!(parse_network("10.0.0.0/8").is_ok());
        assert!(parse_network(" 127.0.0.1 ").is_ok());
        assert!(parse_network("fd00::/8").is_ok());
        assert!(parse_network("10.0.0.0/33").is_err());
        assert!(parse_network("proxy.local").is_err());
    }
}
