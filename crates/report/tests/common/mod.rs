//! A small hand-made care network whose figures are worked out by hand in the tests.
//!
//! Elements (7): Ann (individual), Elm Street Pantry (grassroots), Elm Care Circle (circle),
//! Team Oak (care team), Riverside GP and Council Adult Social Care (statutory; the council has
//! no connection), Hope Hub (community hub).
//!
//! Connections (7):
//!   c0 Ann -> Team Oak                generative, Befriending & Companionship, gifted
//!   c1 Elm Street Pantry -> Team Oak  engaged, Food & Shared Meals, gifted
//!   c2 Elm Care Circle <-> Team Oak   generative (mutual), Information & Signposting
//!   c3 Elm Care Circle -> Hope Hub    loosely engaged
//!   c4 Riverside GP -> Team Oak       inactive
//!   c5 Hope Hub -> Elm Street Pantry  unclassified
//!   c6 Ann <-> Elm Street Pantry      engaged (mutual)

#![allow(dead_code)]

use caremap_core::analysis::{analyse, Analysis, AnalysisOptions};
use caremap_core::{ConnectionId, Direction, ElementId, Network, Status};

/// The map and the ids of its elements, by label.
pub struct Fixture {
    pub network: Network,
    pub ann: ElementId,
    pub pantry: ElementId,
    pub circle: ElementId,
    pub team: ElementId,
    pub gp: ElementId,
    pub council: ElementId,
    pub hub: ElementId,
    pub c0: ConnectionId,
    pub c5: ConnectionId,
}

pub fn fixture() -> Fixture {
    let mut n = Network::new("Elm Street");
    n.as_of = chrono::NaiveDate::from_ymd_opt(2026, 3, 1);
    let ann = n.add_element("Ann", "individual active citizen");
    let pantry = n.add_element("Elm Street Pantry", "grassroots or mutual-aid group");
    let circle = n.add_element("Elm Care Circle", "care circle");
    let team = n.add_element("Team Oak", "care team");
    let gp = n.add_element("Riverside GP", "statutory service");
    let council = n.add_element("Council Adult Social Care", "statutory service");
    let hub = n.add_element("Hope Hub", "community hub or voluntary organisation");
    offer(&mut n, &ann, &["Befriending & Companionship"]);
    offer(&mut n, &pantry, &["Food & Shared Meals"]);
    offer(&mut n, &circle, &["Information & Signposting"]);
    offer(
        &mut n,
        &hub,
        &["Spaces & Venues", "Information & Signposting"],
    );
    let c0 = link(
        &mut n,
        &ann,
        &team,
        Status::Generative,
        Direction::Directed,
        &["Befriending & Companionship"],
        Some(false),
    );
    link(
        &mut n,
        &pantry,
        &team,
        Status::Engaged,
        Direction::Directed,
        &["Food & Shared Meals"],
        Some(false),
    );
    link(
        &mut n,
        &circle,
        &team,
        Status::Generative,
        Direction::Mutual,
        &["Information & Signposting"],
        None,
    );
    link(
        &mut n,
        &circle,
        &hub,
        Status::LooselyEngaged,
        Direction::Directed,
        &[],
        None,
    );
    link(
        &mut n,
        &gp,
        &team,
        Status::Inactive,
        Direction::Directed,
        &[],
        None,
    );
    let c5 = link(
        &mut n,
        &hub,
        &pantry,
        Status::Unclassified,
        Direction::Directed,
        &[],
        None,
    );
    link(
        &mut n,
        &ann,
        &pantry,
        Status::Engaged,
        Direction::Mutual,
        &[],
        None,
    );
    Fixture {
        network: n,
        ann,
        pantry,
        circle,
        team,
        gp,
        council,
        hub,
        c0,
        c5,
    }
}

fn offer(n: &mut Network, id: &ElementId, care: &[&str]) {
    n.element_mut(id).unwrap().care_types = care.iter().map(|s| s.to_string()).collect();
}

fn link(
    n: &mut Network,
    from: &ElementId,
    to: &ElementId,
    status: Status,
    direction: Direction,
    care: &[&str],
    paid: Option<bool>,
) -> ConnectionId {
    let id = n.connect(from, to);
    let c = n.connection_mut(&id).unwrap();
    c.status = status;
    c.direction = direction;
    c.care_flowing = care.iter().map(|s| s.to_string()).collect();
    c.paid = paid;
    id
}

pub fn analysis(network: &Network) -> Analysis {
    analyse(network, &AnalysisOptions::default())
}

/// Every chapter heading of the report.
pub const CHAPTERS: [&str; 7] = [
    "1. Who is in the network",
    "2. Care wealth",
    "3. Relationship health",
    "4. Care teams",
    "5. Bridging formal and informal care",
    "6. Network structure",
    "7. Change over time",
];
