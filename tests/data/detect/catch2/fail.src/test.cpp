#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
#include <stdexcept>

static int factorial(int n) { return n <= 1 ? n : n * factorial(n - 1); }

TEST_CASE("factorials are computed") {
    REQUIRE(factorial(1) == 1);
    REQUIRE(factorial(0) == 1);
}

TEST_CASE("a failure with a message") {
    FAIL("the cache is cold");
}

TEST_CASE("an exception") {
    throw std::runtime_error("disk full");
}

TEST_CASE("passes") {
    CHECK(factorial(3) == 6);
}
