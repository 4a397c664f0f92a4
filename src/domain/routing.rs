//! Who receives the next waiting request when the server routes: the rule, with no store in
//! sight, so the store applies exactly this inside the transaction that locks the team.

use super::RoutingMode;

/// The most open requests a member may be given; a capacity above it is refused.
pub const MOST_CAPACITY: u32 = 1000;

/// A member routing may give work to, as the routing transaction locked them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seat {
    pub member_id: i64,
    /// Open requests (assigned or chatting) they hold now.
    pub load: u32,
    pub capacity: u32,
    /// The organization's routing counter when they were last given a request; 0 if never.
    pub last_routed: i64,
}

impl Seat {
    fn has_room(&self) -> bool {
        self.load < self.capacity
    }
}

/// The seat that receives the next request under `mode`, among those with room other than
/// the member who gave this request up (`except`); `None` when the mode is off or nobody
/// else has room. Round robin gives it to whoever was given one longest ago; least busy to
/// whoever holds the fewest, and among equals, longest ago. Ties after that go to the lowest
/// member id, so every server decides alike.
pub fn pick(mode: RoutingMode, seats: &[Seat], except: Option<i64>) -> Option<usize> {
    let open = seats.iter().enumerate().filter(|(_, s)| s.has_room() && Some(s.member_id) != except);
    match mode {
        RoutingMode::Off => None,
        RoutingMode::RoundRobin => open.min_by_key(|(_, s)| (s.last_routed, s.member_id)),
        RoutingMode::LeastBusy => open.min_by_key(|(_, s)| (s.load, s.last_routed, s.member_id)),
    }
    .map(|(i, _)| i)
}

/// Records that `seats[at]` was given a request as the routing counter's `turn`.
pub fn seat_taken(seats: &mut [Seat], at: usize, turn: i64) {
    seats[at].load += 1;
    seats[at].last_routed = turn;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seat(member_id: i64, load: u32, capacity: u32, last_routed: i64) -> Seat {
        Seat { member_id, load, capacity, last_routed }
    }

    fn deal(mode: RoutingMode, seats: &mut [Seat], n: usize) -> Vec<i64> {
        let mut given = Vec::new();
        for _ in 0..n {
            let Some(at) = pick(mode, seats, None) else { break };
            given.push(seats[at].member_id);
            let turn = seats.iter().map(|s| s.last_routed).max().unwrap_or(0) + 1;
            seat_taken(seats, at, turn);
        }
        given
    }

    #[test]
    fn round_robin_deals_in_turn_and_skips_whoever_is_full() {
        let mut seats = [seat(1, 0, 2, 0), seat(2, 1, 2, 0), seat(3, 0, 9, 0)];
        assert_eq!(deal(RoutingMode::RoundRobin, &mut seats, 10), [1, 2, 3, 1, 3, 3, 3, 3, 3, 3]);
    }

    #[test]
    fn least_busy_fills_the_emptiest_first_and_round_robins_among_equals() {
        let mut seats = [seat(1, 3, 5, 0), seat(2, 0, 5, 7), seat(3, 0, 5, 2)];
        assert_eq!(deal(RoutingMode::LeastBusy, &mut seats, 6), [3, 2, 3, 2, 3, 2]);
        assert_eq!(deal(RoutingMode::LeastBusy, &mut seats, 9), [1, 3, 2, 1, 3, 2]);
        assert_eq!(pick(RoutingMode::LeastBusy, &seats, None), None, "everyone is full");
    }

    #[test]
    fn nobody_is_given_work_when_routing_is_off_or_capacity_is_zero() {
        assert_eq!(pick(RoutingMode::Off, &[seat(1, 0, 5, 0)], None), None);
        assert_eq!(pick(RoutingMode::RoundRobin, &[seat(1, 0, 0, 0)], None), None);
        assert_eq!(pick(RoutingMode::RoundRobin, &[seat(1, 7, 5, 0)], None), None, "over capacity by hand");
    }

    #[test]
    fn a_request_never_goes_straight_back_to_whoever_gave_it_up() {
        let seats = [seat(1, 0, 5, 0), seat(2, 3, 5, 9)];
        assert_eq!(pick(RoutingMode::LeastBusy, &seats, None), Some(0));
        assert_eq!(pick(RoutingMode::LeastBusy, &seats, Some(1)), Some(1));
        assert_eq!(pick(RoutingMode::RoundRobin, &seats[..1], Some(1)), None, "it waits for someone else");
    }
}
