#include "refer/domain/report.h"
#include "dates.h"

#include <doctest/doctest.h>

using namespace refer;

using refer::test::d;

TEST_CASE("periods: month, quarter, year, range, and the last complete month")
{
    CHECK(*parse_month_period("2026-02") == ReportPeriod{d("2026-02-01"), d("2026-02-28"), "2026-02"});
    CHECK(parse_month_period("2024-02")->to == d("2024-02-29"));
    CHECK(*parse_quarter_period("2026-Q4") == ReportPeriod{d("2026-10-01"), d("2026-12-31"), "2026-Q4"});
    CHECK(parse_quarter_period("2026-q1")->label == "2026-Q1");
    CHECK(*parse_year_period("2026") == ReportPeriod{d("2026-01-01"), d("2026-12-31"), "2026"});
    CHECK(range_period(d("2026-10-05"), d("2026-11-03")).label == "2026-10-05..2026-11-03");
    for (const char* bad : {"2026-13", "2026-1", "26-01", "2026/01", "2026-00", "x"}) CHECK_FALSE(parse_month_period(bad));
    for (const char* bad : {"2026-Q5", "2026-Q0", "2026Q1", "2026-4"}) CHECK_FALSE(parse_quarter_period(bad));
    for (const char* bad : {"26", "20266", "year", "0000"}) CHECK_FALSE(parse_year_period(bad));
    // The month before today's, also on a month's last day and across a year.
    CHECK(default_period(d("2026-11-29")).label == "2026-10");
    CHECK(default_period(d("2026-11-30")).label == "2026-10");
    CHECK(default_period(d("2026-12-01")) == ReportPeriod{d("2026-11-01"), d("2026-11-30"), "2026-11"});
    CHECK(default_period(d("2027-01-15")).label == "2026-12");
}

TEST_CASE("the trend has six months ending with the period's last, the last one cut at its end")
{
    auto months = trend_months(range_period(d("2026-01-20"), d("2026-03-10")));
    CHECK(months[0].month == "2025-10");
    CHECK(months[0].from == d("2025-10-01"));
    CHECK(months[0].to == d("2025-10-31"));
    CHECK(months[3].month == "2026-01");
    CHECK(months[3].from == d("2026-01-01")); // whole months before the last, not cut at the period's start
    CHECK(months[4].to == d("2026-02-28"));
    CHECK(months[5].month == "2026-03");
    CHECK(months[5].to == d("2026-03-10"));
}

TEST_CASE("fractions, medians and averages as SPEC 12 says")
{
    CHECK_FALSE(fraction(0, 0));
    CHECK(*fraction(1, 3) == doctest::Approx(1.0 / 3));
    CHECK(*fraction(2, 4) == 0.5);
    CHECK_FALSE(median({}));
    CHECK(*median({7}) == 7);
    CHECK(*median({30, 10, 20}) == 20);
    CHECK(*median({10, 40, 20, 30}) == 25);
    CHECK(*median({10, 11}) == 10.5); // a median may end in .5
    CHECK_FALSE(average_cents(100, 0));
    CHECK(*average_cents(100, 3) == 33);   // 33.33
    CHECK(*average_cents(200, 3) == 67);   // 66.67
    CHECK(*average_cents(5, 2) == 3);      // 2.5: half away from zero
    CHECK(*average_cents(-5, 2) == -3);
    CHECK(*average_cents(1'000'001, 2) == 500'001);
}

TEST_CASE("a target is met inside both bounds, open bounds included; never without a value")
{
    CHECK(target_met(0.5, 0.4, 0.6));
    CHECK(target_met(0.4, 0.4, 0.6));
    CHECK(target_met(0.6, 0.4, 0.6));
    CHECK_FALSE(target_met(0.61, 0.4, 0.6));
    CHECK_FALSE(target_met(0.39, 0.4, 0.6));
    CHECK(target_met(0.9, 0.15, std::nullopt));
    CHECK(target_met(0.0, std::nullopt, std::nullopt));
    CHECK_FALSE(target_met(std::nullopt, std::nullopt, std::nullopt));
}

TEST_CASE("make_report derives every rate from the facts, with nulls where nothing divides")
{
    ReportFacts f;
    f.cohort = {10, 8, 6, 4, 2};
    f.won = 3;
    f.lost = 1;
    f.won_value = 4'500'000;
    f.days_to_close = {20, 40, 30};
    f.by_source[0] = {9, 3, 0};                // client
    f.by_source[k_source_count - 1] = {1, 0, 1}; // other
    f.by_fit[std::size_t(FitBand::priority)] = {4, 2, 0};
    f.by_fit[std::size_t(FitBand::unscored)] = {6, 0, 0};
    f.new_referral_clients = {2, 2, 3'000'001};
    f.new_other_clients = {3, 2, 2'000'000};
    f.eligible = 40;
    f.referrers = 6;
    f.nps_promoters = 3;
    f.nps_passives = 1;
    f.nps_detractors = 2;
    f.trend[5] = {10, 3, 4'500'000};
    Program program = program_defaults();
    Report r = make_report(*parse_month_period("2026-10"), d("2026-11-29"), program, f);

    CHECK(r.referrals.not_contacted == 2);
    CHECK(*r.referrals.meeting_rate == 0.4);
    CHECK(*r.referrals.close_rate == 0.75);
    CHECK(*r.referrals.median_days_to_close == 30);
    CHECK(r.revenue.new_clients == 5);
    CHECK(r.revenue.new_revenue == 5'000'001);
    CHECK(*r.revenue.referral_revenue_share == doctest::Approx(3'000'001.0 / 5'000'001.0));
    CHECK(*r.revenue.avg_deal_referral == 1'500'001); // 1,500,000.5 rounds up
    CHECK(*r.revenue.avg_deal_other == 1'000'000);
    CHECK(*r.revenue.deal_size_ratio == doctest::Approx(1.5000005)); // of the exact averages
    CHECK(*r.participation.rate == 0.15);
    REQUIRE(r.by_source.size() == 2); // sources without activity are left out
    CHECK(r.by_source[0].name == "client");
    CHECK(*r.by_source[0].close_rate == 1.0);
    CHECK(r.by_source[1].name == "other");
    CHECK(*r.by_source[1].close_rate == 0.0);
    REQUIRE(r.by_fit.size() == 2); // bands without activity are left out, the others in band order
    CHECK(r.by_fit[0].name == "priority");
    CHECK(r.by_fit[0].submitted == 4);
    CHECK(*r.by_fit[0].close_rate == 1.0);
    CHECK(r.by_fit[1].name == "unscored");
    CHECK_FALSE(r.by_fit[1].close_rate); // nothing closed: null, like by_source
    CHECK(*r.nps.score == doctest::Approx(100.0 / 6));
    REQUIRE(r.trend.size() == 6);
    CHECK(r.trend[0].month == "2026-05");
    CHECK(r.trend[5].won_value == 4'500'000);
    REQUIRE(r.targets.size() == 3);
    CHECK(r.targets[0].metric == "close_rate");
    CHECK_FALSE(r.targets[0].met); // 0.75 is above 0.60
    CHECK(r.targets[2].met);       // participation 0.15, at least 0.15

    Report empty = make_report(*parse_month_period("2026-10"), d("2026-11-29"), program, {});
    CHECK_FALSE(empty.referrals.meeting_rate);
    CHECK_FALSE(empty.referrals.close_rate);
    CHECK_FALSE(empty.referrals.median_days_to_close);
    CHECK_FALSE(empty.revenue.referral_revenue_share);
    CHECK_FALSE(empty.revenue.avg_deal_referral);
    CHECK_FALSE(empty.revenue.deal_size_ratio);
    CHECK_FALSE(empty.participation.rate);
    CHECK_FALSE(empty.nps.score);
    CHECK(empty.by_source.empty());
    CHECK(empty.by_fit.empty());
    CHECK_FALSE(empty.targets[0].met);
}
