// Attacks on the store-server (issue "Trust no till"): see docs/security.md.
#include "network_fixture.h"

#include <gtest/gtest.h>
