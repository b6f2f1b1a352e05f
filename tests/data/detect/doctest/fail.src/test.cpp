#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
#include <stdexcept>

static int twice(int x) { return x + x + 1; }

TEST_CASE("twice doubles") {
    CHECK(twice(2) == 4);
    REQUIRE(twice(0) == 0);
}

TEST_CASE("throws") {
    throw std::runtime_error("disk full");
}

TEST_CASE("passes") {
    CHECK(twice(0) == 1);
}
