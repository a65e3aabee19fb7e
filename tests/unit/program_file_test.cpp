#include "refer/programio/program_file.h"

#include <doctest/doctest.h>
#include <fstream>
#include <sstream>
#include <string>

using namespace refer;

namespace {

// A file of the source tree, whole.
std::string text_of(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// A valid file's program; fails the test with the reader's error otherwise.
Program read(const std::string& text)
{
    ProgramParse parse = read_program(text, "program.toml");
    REQUIRE_MESSAGE(parse.program, parse.error);
    CHECK(parse.error.empty());
    return *parse.program;
}

// An invalid file's one error.
std::string error_of(const std::string& text)
{
    ProgramParse parse = read_program(text, "program.toml");
    CHECK_FALSE(parse.program);
    return parse.error;
}

// One reward with these lines after its name, in a file with a name.
std::string reward_file(const std::string& lines)
{
    return "name = \"p\"\n\n[[rewards]]\nname = \"r\"\n" + lines;
}

Reward one_reward(const std::string& lines)
{
    Program p = read(reward_file(lines));
    REQUIRE(p.rewards.size() == 1);
    return p.rewards[0];
}

Cents amount_of(const std::string& amount) { return *one_reward("on = \"won\"\namount = " + amount + "\n").amount; }

std::string amount_error(const std::string& amount) { return error_of(reward_file("on = \"won\"\namount = " + amount + "\n")); }

Percent percent_of(const std::string& percent) { return *one_reward("on = \"won\"\npercent = " + percent + "\n").percent; }

std::string percent_error(const std::string& percent)
{
    return error_of(reward_file("on = \"won\"\npercent = " + percent + "\n"));
}

} // namespace

TEST_CASE("a file with only a name has every default and no rewards")
{
    Program p = read("name = \"2026 referral program\"\n");
    Program expected = program_defaults();
    expected.name = "2026 referral program";
    CHECK(p == expected);
    CHECK(p.rewards.empty());
    CHECK_FALSE(p.referrer_cap_per_year);
    CHECK_FALSE(p.min_payout);
    CHECK(p.targets.size() == 3);
}

TEST_CASE("every top-level setting is read")
{
    Program p = read(R"(name = "all"
currency = "EUR"
payout_delay_days = 14
contact_sla_days = 1
priority_fit_score = 7
priority_contact_sla_days = 1
attribution_days = 30
min_tenure_days = 60
ask_cadence_days = 120
top_referrer_cadence_days = 45
max_unanswered_asks = 2
promoter_min_score = 10
nps_window_days = 180
referrer_cap_per_year = 5000.00
min_payout = 50
)");
    CHECK(p.name == "all");
    CHECK(p.currency == "EUR");
    CHECK(p.payout_delay_days == 14);
    CHECK(p.contact_sla_days == 1);
    CHECK(p.priority_fit_score == 7);
    CHECK(p.priority_contact_sla_days == 1);
    CHECK(p.attribution_days == 30);
    CHECK(p.min_tenure_days == 60);
    CHECK(p.ask_cadence_days == 120);
    CHECK(p.top_referrer_cadence_days == 45);
    CHECK(p.max_unanswered_asks == 2);
    CHECK(p.promoter_min_score == 10);
    CHECK(p.nps_window_days == 180);
    CHECK(p.referrer_cap_per_year == 5'000'00);
    CHECK(p.min_payout == 50'00);
}

TEST_CASE("the program needs a name, and keys it does not know are errors")
{
    CHECK(error_of("currency = \"USD\"\n") ==
          "program.toml:1:1: missing key \"name\" (the program's name: name = \"2026 referral program\")");
    CHECK(error_of("") == "program.toml:1:1: missing key \"name\" (the program's name: name = \"2026 referral program\")");
    CHECK(error_of("name = \"  \"\n") == "program.toml:1:8: name = \"  \": must not be empty");
    CHECK(error_of("name = 5\n") == "program.toml:1:8: name = 5: must be a string in quotes, not a whole number");
    CHECK(error_of("name = \"p\"\npayout_days = 30\n") == "program.toml:2:1: unknown key \"payout_days\"");
    CHECK(error_of("name = \"p\"\ncurrency = \"usd\"\n") ==
          "program.toml:2:12: currency = \"usd\": must be a three-letter ISO currency code such as \"USD\" or \"EUR\"");
}

TEST_CASE("integer settings are whole numbers in a sane range")
{
    CHECK(error_of("name = \"p\"\npayout_delay_days = -1\n") ==
          "program.toml:2:21: payout_delay_days = -1: must be a whole number from 0 to 36500");
    CHECK(error_of("name = \"p\"\npayout_delay_days = 30.0\n") ==
          "program.toml:2:21: payout_delay_days = 30.0: must be a whole number from 0 to 36500");
    CHECK(error_of("name = \"p\"\nattribution_days = \"365\"\n") ==
          "program.toml:2:20: attribution_days = \"365\": must be a whole number from 0 to 36500");
    CHECK(error_of("name = \"p\"\npromoter_min_score = 11\n") ==
          "program.toml:2:22: promoter_min_score = 11: must be a whole number from 0 to 10");
    CHECK(error_of("name = \"p\"\npriority_fit_score = 11\n") ==
          "program.toml:2:22: priority_fit_score = 11: must be a whole number from 0 to 10");
    CHECK(error_of("name = \"p\"\nnps_window_days = 99999999999\n") ==
          "program.toml:2:19: nps_window_days = 99999999999: must be a whole number from 0 to 36500");
    CHECK(read("name = \"p\"\npromoter_min_score = 0\nattribution_days = 0\n").attribution_days == 0);
}

TEST_CASE("money is read exactly from the file's text, never through a double")
{
    CHECK(amount_of("0.1") == 10);
    CHECK(amount_of("100.00") == 100'00);
    CHECK(amount_of("100") == 100'00);
    CHECK(amount_of("0.07") == 7);
    CHECK(amount_of("19.9") == 19'90);
    CHECK(amount_of("5_000.00") == 5'000'00);
    CHECK(amount_of("1_000") == 1'000'00);
    CHECK(amount_of("0") == 0);
    CHECK(amount_of("+25.50") == 25'50);
    // A double would make this 1152921504606846.97 or so; the text says .99.
    CHECK(amount_of("999999999999.99") == 99'999'999'999'999);
    CHECK(read("name = \"p\"\nreferrer_cap_per_year = 0.29\nmin_payout = 0.57\n").referrer_cap_per_year == 29);
    CHECK(read("name = \"p\"\nmin_payout = 0.57\n").min_payout == 57);
}

TEST_CASE("money refuses sub-cent amounts, signs, exponents, non-numbers and overflow")
{
    CHECK(amount_error("100.005") == "program.toml:6:10: amount = 100.005: money has at most 2 decimals");
    CHECK(amount_error("100.000") == "program.toml:6:10: amount = 100.000: money has at most 2 decimals");
    CHECK(amount_error("-5.00") == "program.toml:6:10: amount = -5.00: money cannot be negative");
    CHECK(amount_error("1e3") == "program.toml:6:10: amount = 1e3: money has no exponent: write the digits out");
    CHECK(amount_error("1.5E2") == "program.toml:6:10: amount = 1.5E2: money has no exponent: write the digits out");
    CHECK(amount_error("inf") == "program.toml:6:10: amount = inf: money must be a finite number");
    CHECK(amount_error("nan") == "program.toml:6:10: amount = nan: money must be a finite number");
    CHECK(amount_error("0x10") == "program.toml:6:10: amount = 0x10: write money in decimal digits");
    CHECK(amount_error("\"100.00\"") ==
          "program.toml:6:10: amount = \"100.00\": must be an amount of money like 100.00, not a string");
    CHECK(amount_error("12345678901234567890.00") == "program.toml:6:10: amount = 12345678901234567890.00: money is too large");
    CHECK(amount_error("1000000000000") == "program.toml:6:10: amount = 1000000000000: money is at most 999999999999.99");
    CHECK(amount_error("1000000000000.00") == "program.toml:6:10: amount = 1000000000000.00: money is at most 999999999999.99");
    // Too large for TOML's own 64-bit integers: toml++ says so, with the place.
    CHECK(amount_error("123456789012345678901") ==
          "program.toml:6:31: TOML syntax error in decimal integer: '123456789012345678901' is not representable in 64 bits");
    CHECK(error_of("name = \"p\"\nmin_payout = -1\n") == "program.toml:2:14: min_payout = -1: money cannot be negative");
}

TEST_CASE("a percent is an exact decimal above 0 and at most 100")
{
    CHECK(percent_of("10") == Percent{10, 0});
    CHECK(percent_of("7.5") == Percent{75, 1});
    CHECK(percent_of("10.0") == Percent{10, 0});
    CHECK(percent_of("0.125") == Percent{125, 3});
    CHECK(percent_of("100") == Percent{100, 0});
    CHECK(percent_of("0.000001") == Percent{1, 6});
    CHECK(percent_error("0") == "program.toml:6:11: percent = 0: percent must be above 0 and at most 100");
    CHECK(percent_error("100.5") == "program.toml:6:11: percent = 100.5: percent must be above 0 and at most 100");
    CHECK(percent_error("-10") == "program.toml:6:11: percent = -10: percent cannot be negative");
    CHECK(percent_error("7.1234567") == "program.toml:6:11: percent = 7.1234567: percent has at most 6 decimals");
    CHECK(percent_error("1e1") == "program.toml:6:11: percent = 1e1: percent has no exponent: write the digits out");
    CHECK(percent_error("\"10%\"") == "program.toml:6:11: percent = \"10%\": must be a number like 10 or 7.5, not a string");
}

TEST_CASE("a reward's defaults: to the referrer, cash, calendar-year window, every referrer kind")
{
    Reward r = one_reward("on = \"meeting\"\namount = 100.00\n");
    CHECK(r.name == "r");
    CHECK(r.on == Status::meeting);
    CHECK(r.to == Beneficiary::referrer);
    CHECK(r.kind == RewardKind::cash);
    CHECK(r.amount == 100'00);
    CHECK_FALSE(r.percent);
    CHECK(r.tiers.empty());
    CHECK(r.count_window == CountWindow::calendar_year);
    CHECK_FALSE(r.at_count);
    CHECK(r.referrer_kinds.empty());
}

TEST_CASE("every reward key is read")
{
    Reward r = one_reward(R"(on = "won"
to = "referee"
kind = "credit"
percent = 7.5
min = 50
max = 2_000.00
at_count = 3
count_window = "all-time"
referrer_kinds = ["client", "partner"]
)");
    CHECK(r.to == Beneficiary::referee);
    CHECK(r.kind == RewardKind::credit);
    CHECK(r.percent == Percent{75, 1});
    CHECK(r.min == 50'00);
    CHECK(r.max == 2'000'00);
    CHECK(r.at_count == 3);
    CHECK(r.count_window == CountWindow::all_time);
    CHECK(r.referrer_kinds == std::vector<std::string>{"client", "partner"});
    CHECK(one_reward("on = \"submitted\"\namount = 5\n").on == Status::submitted);
    for (const char* kind : {"cash", "credit", "discount", "donation", "gift", "recognition"})
        CHECK(to_string(one_reward(std::string("on = \"won\"\namount = 0\nkind = \"") + kind + "\"\n").kind) == kind);
}

TEST_CASE("tiers: from 1 up, strictly ascending, each with an amount")
{
    Reward r = one_reward("on = \"won\"\ntiers = [ { from = 1, amount = 500 }, { from = 2, amount = 750.50 }, "
                          "{ from = 4, amount = 1_000 } ]\n");
    CHECK(r.tiers == std::vector<Tier>{{1, 500'00}, {2, 750'50}, {4, 1'000'00}});
    // Array-of-tables syntax is the same thing to TOML.
    CHECK(one_reward("on = \"won\"\n[[rewards.tiers]]\nfrom = 2\namount = 10\n").tiers == std::vector<Tier>{{2, 10'00}});
    CHECK(error_of(reward_file("on = \"won\"\ntiers = [ { from = 2, amount = 1 }, { from = 2, amount = 2 } ]\n")) ==
          "program.toml:6:37: tiers go up: from = 2 follows from = 2");
    CHECK(error_of(reward_file("on = \"won\"\ntiers = [ { from = 0, amount = 1 } ]\n")) ==
          "program.toml:6:20: from = 0: must be a whole number from 1 to 1000000");
    CHECK(error_of(reward_file("on = \"won\"\ntiers = [ { from = 1 } ]\n")) ==
          "program.toml:6:11: missing key \"amount\" in a tier");
    CHECK(error_of(reward_file("on = \"won\"\ntiers = [ { from = 1, amount = 5, ammount = 6 } ]\n")) ==
          "program.toml:6:35: unknown key \"ammount\" in a tier (from, amount)");
    CHECK(error_of(reward_file("on = \"won\"\ntiers = [ { from = 1, amount = 5.001 } ]\n")) ==
          "program.toml:6:32: amount = 5.001: money has at most 2 decimals");
    CHECK(error_of(reward_file("on = \"won\"\ntiers = []\n")) ==
          "program.toml:6:9: tiers: must be a list like [ { from = 1, amount = 500 }, { from = 2, amount = 750 } ]");
    CHECK(error_of(reward_file("on = \"won\"\ntiers = [ 500 ]\n")) ==
          "program.toml:6:11: a tier must be a table like { from = 1, amount = 500 }, not a whole number");
}

TEST_CASE("a reward's errors name the key and its place")
{
    // The example of STYLE.md: column 1 of line 6 holds the misspelt key.
    CHECK(error_of(reward_file("on = \"won\"\nammount = 100\n")) == "program.toml:6:1: unknown key \"ammount\" in [[rewards]]");
    CHECK(error_of(reward_file("on = \"won\"\n        ammount = 100\n")) ==
          "program.toml:6:9: unknown key \"ammount\" in [[rewards]]");
    CHECK(error_of(reward_file("on = \"lost\"\namount = 100\n")) ==
          "program.toml:5:6: on = \"lost\": a reward is earned by reaching a stage of the pipeline, never by a loss "
          "(submitted, contacted, meeting, qualified, won)");
    CHECK(error_of(reward_file("on = \"signed\"\namount = 100\n")) ==
          "program.toml:5:6: on = \"signed\": must be one of submitted, contacted, meeting, qualified, won");
    CHECK(error_of(reward_file("on = \"won\"\nto = \"friend\"\namount = 1\n")) ==
          "program.toml:6:6: to = \"friend\": must be one of referrer, referee");
    CHECK(error_of(reward_file("on = \"won\"\nkind = \"voucher\"\namount = 1\n")) ==
          "program.toml:6:8: kind = \"voucher\": must be one of cash, credit, discount, donation, gift, recognition");
    CHECK(error_of("name = \"p\"\n[[rewards]]\non = \"won\"\namount = 1\n") ==
          "program.toml:2:1: missing key \"name\" in [[rewards]]");
    CHECK(error_of(reward_file("amount = 1\n")) ==
          "program.toml:3:1: reward \"r\": missing key \"on\" (the stage whose reaching earns it)");
}

TEST_CASE("exactly one of amount, percent, tiers")
{
    CHECK(error_of(reward_file("on = \"won\"\n")) ==
          "program.toml:3:1: reward \"r\": needs one of \"amount\", \"percent\", \"tiers\"");
    CHECK(error_of(reward_file("on = \"won\"\npercent = 10\namount = 100\n")) ==
          "program.toml:7:1: reward \"r\": has both \"percent\" and \"amount\"; give exactly one of amount, percent, tiers");
    CHECK(error_of(reward_file("on = \"won\"\namount = 100\ntiers = [ { from = 1, amount = 5 } ]\n")) ==
          "program.toml:7:1: reward \"r\": has both \"amount\" and \"tiers\"; give exactly one of amount, percent, tiers");
}

TEST_CASE("min and max clamp a percent only; tiers and at_count count won referrals")
{
    CHECK(error_of(reward_file("on = \"won\"\namount = 100\nmax = 50\n")) ==
          "program.toml:7:1: reward \"r\": \"max\" clamps a percent; it needs \"percent\"");
    CHECK(error_of(reward_file("on = \"won\"\npercent = 10\nmin = 500\nmax = 100\n")) ==
          "program.toml:8:1: reward \"r\": max 100.00 is below min 500.00");
    CHECK(error_of(reward_file("on = \"meeting\"\ntiers = [ { from = 1, amount = 5 } ]\n")) ==
          "program.toml:6:1: reward \"r\": \"tiers\" counts won referrals; it needs on = \"won\"");
    CHECK(error_of(reward_file("on = \"qualified\"\namount = 5\nat_count = 5\n")) ==
          "program.toml:7:1: reward \"r\": \"at_count\" counts won referrals; it needs on = \"won\"");
    CHECK(error_of(reward_file("on = \"won\"\namount = 5\nat_count = 0\n")) ==
          "program.toml:7:12: at_count = 0: must be a whole number from 1 to 1000000");
    CHECK(error_of(reward_file("on = \"won\"\namount = 5\ncount_window = \"all-time\"\n")) ==
          "program.toml:7:1: reward \"r\": \"count_window\" counts for tiers or at_count only");
    CHECK(error_of(reward_file("on = \"won\"\ntiers = [ { from = 1, amount = 5 } ]\ncount_window = \"decade\"\n")) ==
          "program.toml:7:16: count_window = \"decade\": must be one of calendar-year, all-time");
    CHECK(one_reward("on = \"won\"\namount = 0\nat_count = 5\ncount_window = \"all-time\"\n").at_count == 5);
}

TEST_CASE("referrer_kinds are person kinds")
{
    CHECK(error_of(reward_file("on = \"won\"\namount = 1\nreferrer_kinds = [\"client\", \"clients\"]\n")) ==
          "program.toml:7:29: referrer_kinds: \"clients\" is not a person kind (client, partner, employee, advisor)");
    CHECK(error_of(reward_file("on = \"won\"\namount = 1\nreferrer_kinds = []\n")) ==
          "program.toml:7:18: referrer_kinds: must not be empty (leave it out for every kind)");
    CHECK(error_of(reward_file("on = \"won\"\namount = 1\nreferrer_kinds = \"client\"\n")) ==
          "program.toml:7:18: referrer_kinds = \"client\": must be a list like [\"client\", \"partner\"], not a string");
}

TEST_CASE("reward names are unique in a program")
{
    CHECK(error_of("name = \"p\"\n[[rewards]]\nname = \"bonus\"\non = \"won\"\namount = 1\n"
                   "[[rewards]]\nname = \"bonus\"\non = \"meeting\"\namount = 2\n") ==
          "program.toml:7:8: duplicate reward name \"bonus\" (also on line 3): names must be unique");
    CHECK(read("name = \"p\"\n[[rewards]]\nname = \"bonus\"\non = \"won\"\namount = 1\n"
               "[[rewards]]\nname = \"Bonus\"\non = \"won\"\namount = 1\n").rewards.size() == 2);
}

TEST_CASE("[targets] overrides the metrics it names; the others keep their defaults")
{
    Program p = read("name = \"p\"\n[targets]\nclose_rate = { min = 0.5 }\nparticipation = { min = 0, max = 1 }\n");
    REQUIRE(p.targets.size() == 3);
    CHECK(p.targets[0] == Target{"close_rate", 0.5, std::nullopt});
    CHECK(p.targets[1] == program_defaults().targets[1]);
    CHECK(p.targets[2] == Target{"participation", 0.0, 1.0});
    CHECK(read("name = \"p\"\n[targets]\nclose_rate = {}\n").targets[0] == Target{"close_rate", std::nullopt, std::nullopt});
    CHECK(read("name = \"p\"\n[targets.close_rate]\nmax = 0.7\n").targets[0] == Target{"close_rate", std::nullopt, 0.7});
}

TEST_CASE("[targets] errors")
{
    CHECK(error_of("name = \"p\"\n[targets]\nclosing_rate = { min = 0.4 }\n") ==
          "program.toml:3:1: unknown target metric \"closing_rate\" in [targets] (close_rate, referral_revenue_share, "
          "participation)");
    CHECK(error_of("name = \"p\"\n[targets]\nclose_rate = { min = \"40%\" }\n") ==
          "program.toml:3:22: close_rate: min = \"40%\" must be a fraction from 0 to 1 (0.4 for 40%)");
    CHECK(error_of("name = \"p\"\n[targets]\nclose_rate = { min = 40 }\n") ==
          "program.toml:3:22: close_rate: min = 40 must be a fraction from 0 to 1 (0.4 for 40%)");
    CHECK(error_of("name = \"p\"\n[targets]\nclose_rate = { min = 0.6, max = 0.4 }\n") ==
          "program.toml:3:14: close_rate: min 0.6 is above max 0.4");
    CHECK(error_of("name = \"p\"\n[targets]\nclose_rate = { min = 0.4, mid = 0.5 }\n") ==
          "program.toml:3:27: unknown key \"mid\" in [targets] close_rate (min, max)");
    CHECK(error_of("name = \"p\"\n[targets]\nclose_rate = 0.5\n") ==
          "program.toml:3:14: close_rate = 0.5: must be a table like { min = 0.4, max = 0.6 }, not a number");
    CHECK(error_of("name = \"p\"\ntargets = 1\n") ==
          "program.toml:2:11: targets = 1: must be a table: [targets] close_rate = { min = 0.4, max = 0.6 }");
}

TEST_CASE("TOML syntax errors keep toml++'s place")
{
    CHECK(error_of("name = \"p\"\nmin_payout = \n") ==
          "program.toml:2:14: TOML syntax error in key-value pair: expected value, saw '\\n'");
    CHECK(error_of("name = \"p\"\nname = \"q\"\n") ==
          "program.toml:2:8: TOML syntax error in key-value pair: cannot redefine existing string 'name'");
}

TEST_CASE("places are counted in characters, as toml++ counts them")
{
    // `é` is two bytes and one column; the money after it is still read from the right text.
    Reward r = one_reward("on = \"won\"\ntiers = [ { amount = 12.5, from = 1 } ] # café\n");
    CHECK(r.tiers[0].amount == 12'50);
    Program p = read("name = \"Prämie für Empfehlungen\"\n[[rewards]]\nname = \"Dankeschön\"\non = \"won\"\ntiers = [ { from = 1, amount = 7.25 } ]\n");
    CHECK(p.rewards[0].tiers[0].amount == 7'25);
    CHECK(read("\xEF\xBB\xBFname = \"bom\"\nmin_payout = 12.34\n").min_payout == 12'34);
    CHECK(read("name = \"tab\"\n\tmin_payout =\t12.34 # comment\n").min_payout == 12'34);
    // Windows line ends, and a list spread over lines.
    Program crlf = read("name = \"crlf\"\r\nmin_payout = 12.5\r\n[[rewards]]\r\nname = \"t\"\r\non = \"won\"\r\n"
                        "tiers = [\r\n  { from = 1, amount = 500 },\r\n  { from = 3, amount = 1_000.01 },\r\n]\r\n");
    CHECK(crlf.min_payout == 12'50);
    CHECK(crlf.rewards[0].tiers == std::vector<Tier>{{1, 500'00}, {3, 1'000'01}});
    CHECK(error_of("name = \"crlf\"\r\n[[rewards]]\r\nname = \"t\"\r\non = \"won\"\r\ntiers = [\r\n  { from = 1, amount = 5.001 },\r\n]\r\n") ==
          "program.toml:6:24: amount = 5.001: money has at most 2 decimals");
    CHECK(error_of("name = \"é\"\nmin_payout = 1.234\n") == "program.toml:2:14: min_payout = 1.234: money has at most 2 decimals");
    CHECK(error_of(reward_file("on = \"won\"\ntiers = [ { from = 1, amount = 1 }, { from = 1, amount = 2 } ] # ü\n")) ==
          "program.toml:6:37: tiers go up: from = 1 follows from = 1");
}

TEST_CASE("the sample program reads, with each of its models")
{
    Program p = read(text_of(REFER_SOURCE_DIR "/sample-data/program.toml"));
    CHECK(p.name == "Acme Consulting referral program 2026");
    CHECK(p.referrer_cap_per_year == 5'000'00);
    CHECK(p.min_payout == 50'00);
    Program defaults = program_defaults();
    CHECK(p.payout_delay_days == defaults.payout_delay_days);
    CHECK(p.attribution_days == defaults.attribution_days);
    CHECK(p.promoter_min_score == defaults.promoter_min_score);
    CHECK(p.targets == defaults.targets);
    REQUIRE(p.rewards.size() == 7);
    CHECK(p.rewards[0].name == "discovery call thanks");
    CHECK(p.rewards[0].amount == 100'00);
    CHECK(p.rewards[1].percent == Percent{10, 0});
    CHECK(p.rewards[1].max == 2'000'00);
    CHECK(p.rewards[2].referrer_kinds == std::vector<std::string>{"partner"});
    CHECK(p.rewards[3].tiers == std::vector<Tier>{{1, 500'00}, {2, 750'00}, {4, 1'000'00}});
    CHECK(p.rewards[4].kind == RewardKind::recognition);
    CHECK(p.rewards[4].at_count == 5);
    CHECK(p.rewards[5].to == Beneficiary::referee);
    CHECK(p.rewards[5].kind == RewardKind::credit);
    CHECK(p.rewards[6].kind == RewardKind::donation);
    CHECK(read(to_toml(p)) == p);
}

TEST_CASE("to_toml writes a file that reads back as the same program")
{
    CHECK(read(to_toml(builtin_program())) == builtin_program());
    CHECK(to_toml(builtin_program()) == text_of(REFER_SOURCE_DIR "/tests/fixtures/builtin-program.toml"));
    Program odd = program_defaults();
    odd.name = "quote \" backslash \\ tab \t";
    odd.min_payout = 1;
    odd.targets[2].min.reset();
    Reward r;
    r.name = "r";
    r.percent = Percent{125, 3};
    r.min = 0;
    r.referrer_kinds = {"partner"};
    r.at_count = 2;
    odd.rewards = {r};
    CHECK(read(to_toml(odd)) == odd);
}
