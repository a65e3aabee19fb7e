#include "refer/domain/referral.h"
#include "dates.h"

#include <algorithm>
#include <doctest/doctest.h>
#include <span>
#include <vector>

using namespace refer;

using refer::test::d;

static Referral submitted_on(const char* text) { return new_referral(1, d(text)); }

static Move move_to(Status to, const char* on)
{
    Move m;
    m.to = to;
    m.on = d(on);
    return m;
}

static Referral moved(const Referral& r, const Move& m)
{
    MoveResult result = advance(r, m);
    REQUIRE_MESSAGE(result.after, result.refusal);
    return *result.after;
}

TEST_CASE("statuses parse by their exact names")
{
    for (Status s : k_statuses) CHECK(parse_status(to_string(s)) == s);
    for (size_t i = 0; i < std::size(k_statuses); ++i) CHECK(to_string(k_statuses[i]) == k_status_names[i]);
    CHECK_FALSE(parse_status("Won"));
    CHECK_FALSE(parse_status("closed"));
    CHECK_FALSE(parse_status(""));
    CHECK(is_terminal(Status::won));
    CHECK(is_terminal(Status::lost));
    CHECK_FALSE(is_terminal(Status::qualified));
    CHECK(is_referral_source("other"));
    CHECK_FALSE(is_referral_source("referral"));
}

TEST_CASE("a forward skip gives the skipped stages the move's date")
{
    Referral r = submitted_on("2026-09-01");
    Move m = move_to(Status::won, "2026-10-05");
    m.value = 2400000;
    Referral won = moved(r, m);
    CHECK(won.status == Status::won);
    CHECK(won.status_on == d("2026-10-05"));
    for (Status s : {Status::contacted, Status::meeting, Status::qualified, Status::won})
        CHECK(stage_date(won, s) == d("2026-10-05"));
    CHECK(stage_date(won, Status::submitted) == d("2026-09-01"));
    CHECK_FALSE(won.lost_on);
    CHECK(won.deal_value == 2400000);
}

TEST_CASE("one step at a time keeps each stage's own date")
{
    Referral r = moved(submitted_on("2026-09-01"), move_to(Status::contacted, "2026-09-02"));
    r = moved(r, move_to(Status::qualified, "2026-09-20"));
    CHECK(r.contacted_on == d("2026-09-02"));
    CHECK(r.meeting_on == d("2026-09-20"));
    CHECK(r.qualified_on == d("2026-09-20"));
    CHECK_FALSE(r.won_on);
}

TEST_CASE("lost is reachable from every open state, with its reason")
{
    for (Status from : {Status::submitted, Status::contacted, Status::meeting, Status::qualified}) {
        Referral r = submitted_on("2026-09-01");
        if (from != Status::submitted) r = moved(r, move_to(from, "2026-09-10"));
        Move m = move_to(Status::lost, "2026-09-15");
        m.reason = "went with a competitor";
        Referral lost = moved(r, m);
        CHECK(lost.status == Status::lost);
        CHECK(lost.lost_on == d("2026-09-15"));
        CHECK(lost.lost_reason == "went with a competitor");
        CHECK(lost.contacted_on == r.contacted_on); // stages reached before stay reached
        CHECK(lost.meeting_on == r.meeting_on);
    }
}

TEST_CASE("backwards, same-status and out-of-terminal moves need force")
{
    Referral meeting = moved(submitted_on("2026-09-01"), move_to(Status::meeting, "2026-09-10"));
    MoveResult back = advance(meeting, move_to(Status::contacted, "2026-09-11"));
    CHECK_FALSE(back.after);
    CHECK(back.refusal == "moving back from meeting to contacted needs --force");
    CHECK(advance(meeting, move_to(Status::meeting, "2026-09-11")).refusal == "the referral is already meeting");

    Move win = move_to(Status::won, "2026-09-20");
    win.value = 100000;
    Referral won = moved(meeting, win);
    CHECK(advance(won, move_to(Status::lost, "2026-09-21")).refusal ==
          "the referral is already won (--force reopens it)");
    Referral lost = moved(meeting, move_to(Status::lost, "2026-09-21"));
    CHECK_FALSE(advance(lost, move_to(Status::qualified, "2026-09-22")).after);
}

TEST_CASE("a forced move keeps earlier dates, clears later ones and dates the target")
{
    Move win = move_to(Status::won, "2026-10-05");
    win.value = 100000;
    Referral won = moved(submitted_on("2026-09-01"), win);
    Move back = move_to(Status::meeting, "2026-10-07");
    back.force = true;
    Referral meeting = moved(won, back);
    CHECK(meeting.status == Status::meeting);
    CHECK(meeting.status_on == d("2026-10-07"));
    CHECK(meeting.contacted_on == d("2026-10-05"));
    CHECK(meeting.meeting_on == d("2026-10-07"));
    CHECK_FALSE(meeting.qualified_on);
    CHECK_FALSE(meeting.won_on);
    CHECK(meeting.deal_value == 100000);
    CHECK(meeting.submitted_on == d("2026-09-01"));
}

TEST_CASE("forced moves around lost clear what the spec says")
{
    Move win = move_to(Status::won, "2026-10-05");
    win.value = 100000;
    Referral won = moved(submitted_on("2026-09-01"), win);
    Move lose = move_to(Status::lost, "2026-10-06");
    lose.force = true;
    lose.reason = "cancelled";
    Referral lost = moved(won, lose);
    CHECK_FALSE(lost.won_on);
    CHECK(lost.qualified_on == d("2026-10-05"));

    Move redate = move_to(Status::lost, "2026-10-07");
    redate.force = true;
    CHECK(moved(lost, redate).lost_reason == "cancelled"); // re-dating keeps the reason unless a new one is given

    Move reopen = move_to(Status::contacted, "2026-10-08");
    reopen.force = true;
    Referral open = moved(lost, reopen);
    CHECK_FALSE(open.lost_on);
    CHECK_FALSE(open.lost_reason);
    CHECK(open.contacted_on == d("2026-10-08"));
    CHECK_FALSE(open.meeting_on);
}

TEST_CASE("the move's date may not precede the last status date nor the submission")
{
    Referral r = moved(submitted_on("2026-09-01"), move_to(Status::contacted, "2026-09-10"));
    CHECK(advance(r, move_to(Status::meeting, "2026-09-09")).refusal ==
          "the date 2026-09-09 precedes the last status move (contacted on 2026-09-10)");
    CHECK(advance(r, move_to(Status::meeting, "2026-09-10")).after); // same day is fine
    Move forced = move_to(Status::submitted, "2026-08-31");
    forced.force = true;
    CHECK(advance(submitted_on("2026-09-01"), forced).refusal ==
          "the date 2026-08-31 precedes the submission on 2026-09-01");
}

TEST_CASE("won needs a deal value, given now or before")
{
    Referral r = submitted_on("2026-09-01");
    CHECK(advance(r, move_to(Status::won, "2026-09-02")).refusal == "won needs a deal value (--value)");
    Move expected = move_to(Status::meeting, "2026-09-02");
    expected.value = 500000;
    Referral meeting = moved(r, expected);
    CHECK(meeting.deal_value == 500000);
    CHECK(moved(meeting, move_to(Status::won, "2026-09-03")).won_on == d("2026-09-03"));
}

TEST_CASE("a reason belongs to lost only")
{
    Move m = move_to(Status::contacted, "2026-09-02");
    m.reason = std::string(1, 'x');
    CHECK(advance(submitted_on("2026-09-01"), m).refusal == "--reason is only for a move to lost");
}

TEST_CASE("first referral wins within the attribution window")
{
    std::vector<PriorReferral> prior = {{7, "ann@acme.com", d("2025-06-01")}, {9, "bob@beta.io", d("2026-01-10")}};
    auto conflict = attribution_conflict(prior, d("2026-05-31"), 365);
    REQUIRE(conflict);
    CHECK(conflict->id == 7); // the earliest within the window
    CHECK(attribution_conflict(prior, d("2026-06-01"), 365)->id == 9);
    CHECK_FALSE(attribution_conflict(prior, d("2027-01-10"), 365)); // exactly 365 days later: outside
    CHECK(attribution_conflict(prior, d("2027-01-09"), 365)->id == 9);
    CHECK_FALSE(attribution_conflict(prior, d("2026-05-31"), 30));
    CHECK(attribution_conflict(prior, d("2026-01-01"), 30)->id == 9); // backdated before a prior one
    CHECK_FALSE(attribution_conflict({}, d("2026-01-01"), 365));
}

TEST_CASE("colleagues share a company or a work email domain")
{
    using O = std::optional<std::string>;
    CHECK(email_domain("Sam@Globex.COM") == "globex.com");
    CHECK(email_domain("nobody") == "");
    CHECK(is_free_mail_domain("gmail.com"));
    CHECK(is_free_mail_domain("GMX.de"));
    CHECK_FALSE(is_free_mail_domain("globex.com"));
    CHECK(colleague_reason(O("sam@globex.com"), O{}, O("ann@globex.com"), O{}) == "same email domain globex.com");
    CHECK(colleague_reason(O("sam@gmail.com"), O(" Globex "), O("ann@gmail.com"), O("globex")) ==
          "same company \"globex\"");
    CHECK_FALSE(colleague_reason(O("sam@gmail.com"), O{}, O("ann@gmail.com"), O{}));
    CHECK_FALSE(colleague_reason(O("sam@globex.com"), O(""), O("ann@acme.com"), O("")));
}

TEST_CASE("a referral's source is one of the person kinds, or other")
{
    CHECK(std::ranges::equal(std::span(k_referral_sources).first(std::size(k_person_kinds)), k_person_kinds));
    CHECK(k_referral_sources.back() == "other");
    for (std::string_view kind : k_person_kinds) CHECK(is_referral_source(kind));
    CHECK(is_referral_source("other"));
    CHECK_FALSE(is_referral_source("referral"));
}
