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
    "{ip} is {} {kind} address; webhooks go only to public addresses unless the server is started with --webhook-allow",
    article(kind)
)]
pub struct Blocked {
    pub ip: IpAddr,
    pub kind: &'static str,
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" }
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
    let v4 = |hi: u16, lo: u16| Ipv4Addr::new((hi >> 8) as u8, hi as u8, (lo >> 8) as u8, lo as u8);
    let tail = v4(s[6], s[7]);
    let mapped = s[..5] == [0; 5] && s[5] == 0xffff;
    // SIIT's translated form, `::ffff:0:a.b.c.d`.
    let translated = s[..4] == [0; 4] && s[4] == 0xffff && s[5] == 0;
    // `::a.b.c.d`, the deprecated compatible form, but not `::` and `::1` themselves.
    let compatible = s[..6] == [0; 6] && u32::from(tail) > 1;
    let nat64 = s[..6] == [0x64, 0xff9b, 0, 0, 0, 0];
    if mapped || translated || compatible || nat64 {
        Some(tail)
    } else if s[0] == 0x2002 {
        // 6to4 carries its IPv4 right after the prefix: `2002:7f00:1::` is 127.0.0.1's.
        Some(v4(s[1], s[2]))
    } else {
        None
    }
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
                _ if v4.is_broadcast() => Some("broadcast"),
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
            } else if s[0] & 0xfe00 == 0xfc00 || s[0] & 0xffc0 == 0xfec0 {
                // Unique local, and the site-local range it replaced.
                Some("private")
            } else if s[..3] == [0x64, 0xff9b, 1] {
                // NAT64 for local use (RFC 8215): it leads to whatever the local translator serves.
                Some("private")
            } else if s[0] & 0xffc0 == 0xfe80 {
                Some("link-local")
            } else if s[0] & 0xff00 == 0xff00 {
                Some("multicast")
            } else if reserved_v6(s) {
                Some("reserved")
            } else {
                None
            }
        }
    }
}

/// Documentation, benchmarking, discard-only, ORCHID, Teredo and SRv6 ranges: none is a
/// receiver on the internet, and a tunnel's far end is not ours to judge.
fn reserved_v6(s: [u16; 8]) -> bool {
    let documentation = (s[0] == 0x2001 && s[1] == 0x0db8) || (s[0] == 0x3fff && s[1] < 0x1000);
    let discard = s[..4] == [0x0100, 0, 0, 0];
    let teredo = s[0] == 0x2001 && s[1] == 0;
    let benchmarking = s[0] == 0x2001 && s[1] == 2 && s[2] == 0;
    let orchid = s[0] == 0x2001 && s[1] & 0xfff0 == 0x0010;
    let srv6 = s[0] == 0x5f00;
    documentation || discard || teredo || benchmarking || orchid || srv6
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
            ("255.255.255.255", "broadcast"),
            ("240.0.0.1", "reserved"),
            ("192.0.2.1", "reserved"),
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
            ("::ffff:0:10.0.0.1", "private"),
            ("2002:a00:1::1", "private"),
            ("64:ff9b:1::a00:1", "private"),
            ("100::1", "reserved"),
            ("2001:db8::1", "reserved"),
            ("2001:2::1", "reserved"),
            ("2001:10::1", "reserved"),
            ("5f00::1", "reserved"),
        ];
        let egress = Egress::default();
        for (text, kind) in refused {
            assert_eq!(egress.check(ip(text)), Err(Blocked { ip: ip(text), kind }), "{text}");
        }
        for public in [
            "93.184.216.34",
            "8.8.8.8",
            "172.32.0.1",
            "100.128.0.1",
            "2606:4700::1111",
            "::ffff:8.8.8.8",
            "2002:808:808::1",
            "2001:4860::8888",
            "3fff:1000::1",
        ] {
            assert_eq!(egress.check(ip(public)), Ok(()), "{public}");
        }
    }

    #[test]
    fn every_spelling_of_an_internal_host_is_judged_as_the_address_it_parses_to() {
        // The webhook URL check decides on the parser's normalized host, never on the text.
        let table = [
            ("http://127.0.0.1/", Some("loopback")),
            ("http://127.1/", Some("loopback")),
            ("http://2130706433/", Some("loopback")),
            ("http://0x7f000001/", Some("loopback")),
            ("http://0177.0.0.1/", Some("loopback")),
            ("http://0x7f.1/", Some("loopback")),
            ("http://017700000001/", Some("loopback")),
            ("http://127.0.0.1./", Some("loopback")),
            ("http://[::1]/", Some("loopback")),
            ("http://[::ffff:127.0.0.1]/", Some("loopback")),
            ("http://[::ffff:7f00:1]/", Some("loopback")),
            ("http://[0:0:0:0:0:ffff:7f00:1]/", Some("loopback")),
            ("http://[::ffff:0:127.0.0.1]/", Some("loopback")),
            ("http://[2002:7f00:1::]/", Some("loopback")),
            ("http://169.254.169.254/", Some("link-local")),
            ("http://0xa9fea9fe/", Some("link-local")),
            ("http://[::ffff:a9fe:a9fe]/", Some("link-local")),
            ("http://[64:ff9b::a9fe:a9fe]/", Some("link-local")),
            ("http://[64:ff9b:1::5]/", Some("private")),
            ("http://0/", Some("unspecified")),
            ("http://[::]/", Some("unspecified")),
            ("http://012.1/", Some("private")),
            ("http://100.100.1.1/", Some("shared (CGNAT)")),
            ("http://255.255.255.255/", Some("broadcast")),
            ("http://[fec0::1]/", Some("private")),
            ("http://[2001::1]/", Some("reserved")),
            ("http://[3fff::1]/", Some("reserved")),
            ("http://93.184.216.34/", None),
            ("http://0x5db8d822/", None),
            ("http://[2606:4700::1111]/", None),
            ("http://[2002:808:808::]/", None),
        ];
        for (url, kind) in table {
            let host = literal_host(&reqwest::Url::parse(url).unwrap()).expect("an address, not a name");
            assert_eq!(internal(host), kind, "{url} is {host}");
        }
        // A name is never taken for an address: it goes to the resolver, which checks.
        for url in ["http://localhost/", "http://127.0.0.1.nip.io/", "http://0x7f000001.example/"] {
            assert_eq!(literal_host(&reqwest::Url::parse(url).unwrap()), None, "{url}");
        }
    }

    #[test]
    fn a_refusal_names_the_address_and_its_kind_in_a_sentence() {
        let blocked = Egress::default().check(ip("0.0.0.0")).unwrap_err();
        assert!(blocked.to_string().starts_with("0.0.0.0 is an unspecified address; "), "{blocked}");
        let blocked = Egress::default().check(ip("10.0.0.1")).unwrap_err();
        assert!(blocked.to_string().starts_with("10.0.0.1 is a private address; "), "{blocked}");
    }

    #[test]
    fn the_operator_opens_ranges() {
        let egress = Egress { allow: vec!["127.0.0.0/8".parse().unwrap(), "fd00::/8".parse().unwrap()] };
        assert_eq!(egress.check(ip("127.0.0.1")), Ok(()));
        assert_eq!(egress.check(ip("::ffff:127.0.0.1")), Ok(()), "the mapped form of an opened address");
        assert_eq!(egress.check(ip("fd00::5")), Ok(()));
        assert!(egress.check(ip("10.0.0.1")).is_err());
        // An embedded IPv4 is opened with its range, whichever IPv6 form carries it.
        assert_eq!(egress.check(ip("2002:7f00:1::")), Ok(()));
        assert_eq!(egress.check(ip("64:ff9b::7f00:1")), Ok(()));
        let v6_only = Egress { allow: vec!["::1/128".parse().unwrap()] };
        assert_eq!(v6_only.check(ip("::1")), Ok(()));
        assert!(v6_only.check(ip("127.0.0.1")).is_err(), "opening ::1 does not open IPv4 loopback");
    }
}
