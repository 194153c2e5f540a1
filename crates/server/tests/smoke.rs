//! The harness itself: a server starts on both backends and a login works.

mod common;

use common::TestServer;

both_backends!(a_logged_in_owner_reads_the_demo_map);

async fn a_logged_in_owner_reads_the_demo_map(s: &TestServer) {
    let map = s.demo_map().await;
    let (user, client) = s.login_new("owner@example.org", false).await;
    s.grant(map, &user, caremap_store::Role::Owner).await;
    let a = client.get(&format!("/api/v1/maps/{map}")).await.expect(200);
    assert_eq!(a.json()["elements"], 45);
    assert_eq!(a.json()["role"], "owner");
    s.anonymous()
        .get(&format!("/api/v1/maps/{map}"))
        .await
        .expect(401);
}
