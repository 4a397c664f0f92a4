//! Where the server may send what it fetches (webhooks): the outside world only, unless the
//! operator opens a range (`--webhook-allow`). Decided on the address itself, after the URL
//! parser has normalized every spelling of it (`127.1`, `2130706433`, `0x7f000001`), and
//! again on each address a name resolves to when the server connects, so a name that
//! resolves elsewhere later (DNS rebinding) gets nowhere.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

use ipnet::IpNet;

/// An address the server will not send to, and the kind of range it is in.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{ip} is a {kind} address; webhooks go only to public addresses unless the server is started with --webhook-allow"
)]
pub struct Blocked {
    pub ip: IpAddr,
    pub kind: &'static str,
}

/// The ranges the operator opened.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Egress {
    pub allow: Vec<IpNet>,
}

impl Egress {
    pub fn check(&self, ip: IpAddr) -> Result<(), Blocked> {
        match internal(ip) {
            Some(kind) if !self.allow.iter().any(|net| net.contains(&ip) || net.contains(&canonical(ip))) => {
                Err(Blocked { ip, kind })
            }
            _ => Ok(()),
        }
    }
}

/// An IPv6 address that only carries an IPv4 one (mapped, compatible or NAT64), as that IPv4.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => embedded_v4(v6).map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

fn embedded_v4(v6: Ipv6Addr) -> Option<Ipv4Addr> {
    let s = v6.segments();
    let tail = Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
    let mapped = s[..5] == [0; 5] && s[5] == 0xffff;
    // `::a.b.c.d`, the deprecated compatible form, but not `::` and `::1` themselves.
    let compatible = s[..6] == [0; 6] && u32::from(tail) > 1;
    let nat64 = s[..6] == [0x64, 0xff9b, 0, 0, 0, 0];
    (mapped || compatible || nat64).then_some(tail)
}

/// The kind of range `ip` is in, if it is not the public internet.
pub fn internal(ip: IpAddr) -> Option<&'static str> {
    match canonical(ip) {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            match (a, b, c) {
                (0, ..) => Some("unspecified"),
                (127, ..) => Some("loopback"),
                (10, ..) | (172, 16..=31, _) | (192, 168, _) => Some("private"),
                (100, 64..=127, _) => Some("shared (CGNAT)"),
                (169, 254, _) => Some("link-local"),
                (192, 0, 0) | (192, 0, 2) | (198, 51, 100) | (203, 0, 113) | (198, 18..=19, _) => Some("reserved"),
                (224..=239, ..) => Some("multicast"),
                (240..=255, ..) => Some("reserved"),
                _ => None,
            }
        }
        IpAddr::V6(v6) => {
            let s = v6.segments();
            if v6.is_unspecified() {
                Some("unspecified")
            } else if v6.is_loopback() {
                Some("loopback")
            } else if s[0] & 0xfe00 == 0xfc00 {
                Some("private")
            } else if s[0] & 0xffc0 == 0xfe80 || s[0] & 0xffc0 == 0xfec0 {
                Some("link-local")
            } else if s[0] & 0xff00 == 0xff00 {
                Some("multicast")
            } else if s[0] == 0x2001 && s[1] == 0x0db8 {
                Some("reserved")
            } else {
                None
            }
        }
    }
}

/// The address a URL names directly, if its host is an address and not a name.
pub fn literal_host(url: &reqwest::Url) -> Option<IpAddr> {
    url.host_str()?.trim_start_matches('[').trim_end_matches(']').parse().ok()
}

/// Resolves names for the webhook client, refusing a name when any of its addresses is one
/// the server may not send to.
pub struct Resolver(pub Arc<Egress>);

impl reqwest::dns::Resolve for Resolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let egress = Arc::clone(&self.0);
        Box::pin(async move {
            let found: Vec<SocketAddr> = tokio::net::lookup_host((name.as_str(), 0)).await?.collect();
            for addr in &found {
                egress.check(addr.ip())?;
            }
            let addrs: reqwest::dns::Addrs = Box::new(found.into_iter());
            Ok(addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn internal_ranges_are_refused_in_every_spelling() {
        let refused = [
            ("127.0.0.1", "loopback"),
            ("127.255.0.9", "loopback"),
            ("0.0.0.0", "unspecified"),
            ("10.1.2.3", "private"),
            ("172.31.0.1", "private"),
            ("192.168.1.1", "private"),
            ("100.64.0.1", "shared (CGNAT)"),
            ("169.254.169.254", "link-local"),
            ("224.0.0.1", "multicast"),
            ("255.255.255.255", "reserved"),
            ("198.18.0.1", "reserved"),
            ("::", "unspecified"),
            ("::1", "loopback"),
            ("::ffff:127.0.0.1", "loopback"),
            ("::ffff:169.254.169.254", "link-local"),
            ("::127.0.0.1", "loopback"),
            ("64:ff9b::10.0.0.1", "private"),
            ("fd00::1", "private"),
            ("fe80::1", "link-local"),
            ("ff02::1", "multicast"),
        ];
        let egress = Egress::default();
        for (text, kind) in refused {
            assert_eq!(egress.check(ip(text)), Err(Blocked { ip: ip(text), kind }), "{text}");
        }
        for public in ["93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "::ffff:8.8.8.8"] {
            assert_eq!(egress.check(ip(public)), Ok(()), "{public}");
        }
    }

    #[test]
    fn numeric_spellings_of_loopback_parse_to_loopback() {
        // The webhook URL check stores the parser's normalized form, and decides on it.
        for url in [
            "http://127.1/",
            "http://2130706433/",
            "http://0x7f000001/",
            "http://0177.0.0.1/",
            "http://[::ffff:7f00:1]/",
        ] {
            let host = literal_host(&reqwest::Url::parse(url).unwrap()).expect("an address, not a name");
            assert_eq!(internal(host), Some("loopback"), "{url}");
        }
    }

    #[test]
    fn the_operator_opens_ranges() {
        let egress = Egress { allow: vec!["127.0.0.0/8".parse().unwrap(), "fd00::/8".parse().unwrap()] };
        assert_eq!(egress.check(ip("127.0.0.1")), Ok(()));
        assert_eq!(egress.check(ip("::ffff:127.0.0.1")), Ok(()), "the mapped form of an opened address");
        assert_eq!(egress.check(ip("fd00::5")), Ok(()));
        assert!(egress.check(ip("10.0.0.1")).is_err());
    }
}
