// The central database's stamps come from the injected clock, not from the wall clock.

#include "baidian/domain/clock.h"
#include "baidian/server/central.h"
#include "baidian/server/people.h"
#include "baidian/server/registry.h"

#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

namespace baidian::server {
namespace {

TEST(CentralClock, RegistryChangesRevocationsAndDisablingAreStampedByTheGivenClock) {
    auto db = openServerDatabase(":memory:").value();
    const domain::ManualClock clock(domain::parseIsoUtc("2031-02-03T04:05:06Z"));
    ASSERT_TRUE(importOutletsCsv(db,
                                 "code,name,type,city,area_m2,opened_on\n"
                                 "HZ-F01,甲,flagship,杭州,100,2020-01-01\n",
                                 "2026-11-30", clock));
    EXPECT_EQ(db.execAndGet("SELECT changed_at FROM outlet_type_history").getString(),
              "2031-02-03T04:05:06Z");

    const auto outlet = outletByCode(db, "HZ-F01");
    ASSERT_TRUE(outlet);
    ASSERT_TRUE(recordCertificate(db, "01", outlet->id, "outlet", "HZ-F01", "2026-01-01T00:00:00Z",
                                  "2036-01-01T00:00:00Z"));
    ASSERT_TRUE(revokeCertificate(db, "01", clock));
    EXPECT_EQ(db.execAndGet("SELECT revoked_at FROM certificate").getString(),
              "2031-02-03T04:05:06Z");

    ASSERT_TRUE(addUser(db, "admin", "admin-pass-1", "admin", ""));
    ASSERT_TRUE(setUserDisabled(db, "admin", true, clock));
    EXPECT_EQ(db.execAndGet("SELECT disabled_at FROM app_user").getString(),
              "2031-02-03T04:05:06Z");
}

} // namespace
} // namespace baidian::server
