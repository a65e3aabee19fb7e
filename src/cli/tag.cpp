// refer tag add|remove|list|promoters: free-form tags per person, and the NPS segment tags.
#include "refer/cli/app.h"
#include "refer/cli/import_people.h"
#include "refer/cli/people_listing.h"
#include "refer/error.h"
#include "refer/storage/database.h"
#include "refer/storage/people.h"
#include "refer/storage/programs.h"
#include "refer/storage/tags.h"

#include <algorithm>
#include <chrono>
#include <fmt/format.h>
#include <memory>
#include <optional>

namespace refer {

struct TagEditOptions {
    std::string person;
    std::vector<std::string> tags;
};

struct TagListOptions {
    std::string tag;
};

struct PromotersOptions {
    ImportOptions nps; // nps.file empty: no import
};

// The tags as given (lowercased, `a,b` split); usage error when one is not a tag, failure
// when it is a segment tag, which only `refer tag promoters` sets.
static std::vector<std::string> tags_given(const std::vector<std::string>& args)
{
    std::vector<std::string> tags;
    for (const std::string& arg : args) {
        std::vector<std::string> split = split_tags(arg);
        if (split.empty()) throw usage_error(fmt::format("invalid tag \"{}\"", arg));
        for (std::string& tag : split) {
            if (!is_valid_tag(tag)) throw usage_error(fmt::format("invalid tag \"{}\"", arg));
            if (is_segment_tag(tag))
                throw failure(fmt::format("\"{}\" is an NPS segment tag: 'refer tag promoters' sets it from the "
                                          "NPS responses, it cannot be set or removed by hand", tag));
            if (std::ranges::find(tags, tag) == tags.end()) tags.push_back(std::move(tag));
        }
    }
    return tags;
}

static void run_tag_edit(const TagEditOptions& o, const GlobalOptions& g, bool add)
{
    Terminal terminal(g);
    std::vector<std::string> tags = tags_given(o.tags);
    auto db = open_existing_database(g.db_path());
    WriteTransaction tx(*db);
    EventLog events(*db, current_actor(g.today_date()));
    StoredPerson person = require_person(*db, o.person);
    PeopleWriter writer(*db, events);
    std::vector<std::string> changed, unchanged;
    for (const std::string& tag : tags) {
        int n = add ? writer.add_tags(person.id, {tag}) : writer.remove_tags(person.id, {tag});
        (n > 0 ? changed : unchanged).push_back(tag);
    }
    tx.commit();
    std::string handle = person_handle(person.person);
    if (!changed.empty()) terminal.summary(fmt::format("{}: {} {}", handle, add ? "added" : "removed", fmt::join(changed, ", ")));
    if (!unchanged.empty())
        terminal.summary(fmt::format("{}: {} {}", handle, add ? "already tagged" : "not tagged", fmt::join(unchanged, ", ")));
}

static void run_tag_list(const TagListOptions& o, const GlobalOptions& g)
{
    Terminal terminal(g);
    auto db = open_database(g.db_path(), Access::read);
    Format format = g.output_format();
    Listing listing;
    if (o.tag.empty()) {
        listing.columns = {"tag", "people"};
        for (const TagCount& t : tag_counts(*db)) listing.rows.push_back({t.tag, std::int64_t{t.people}});
    } else {
        std::vector<std::string> tag = split_tags(o.tag);
        if (tag.size() != 1 || !is_valid_tag(tag[0])) throw usage_error(fmt::format("invalid tag \"{}\"", o.tag));
        listing = people_listing(list_people(*db, PeopleFilter{tag[0], std::nullopt}),
                                 format == Format::table || format == Format::md);
    }
    terminal.data(render(listing, format, terminal.table_style()));
}

static std::string segment_output(const SegmentCounts& c, Format format, const TableStyle& style)
{
    if (format == Format::json)
        return nlohmann::ordered_json{{"promoter", c.promoter}, {"passive", c.passive}, {"detractor", c.detractor},
                                      {"none", c.none}}.dump(2) + "\n";
    Listing l{{"segment", "people"},
              {{std::string("promoter"), std::int64_t{c.promoter}}, {std::string("passive"), std::int64_t{c.passive}},
               {std::string("detractor"), std::int64_t{c.detractor}}, {std::string("none"), std::int64_t{c.none}}}};
    return render(l, format, style);
}

static void run_promoters(const PromotersOptions& o, const GlobalOptions& g)
{
    auto started = std::chrono::steady_clock::now();
    Terminal terminal(g);
    Date today = g.today_date();
    std::optional<ImportFile> file;
    std::optional<NpsLayout> layout;
    if (!o.nps.file.empty()) {
        file.emplace(o.nps, terminal, g.db_path(), Passes::two);
        layout = read_nps_header(*file, o.nps);
    }
    auto db = open_existing_database(g.db_path());
    WriteTransaction tx(*db);
    EventLog events(*db, current_actor(today));
    ImportCounts imported;
    if (file) imported = import_nps_rows(*file, *layout, *db, events);
    SegmentCounts counts;
    NpsRules rules = nps_rules(program_book(*db).in_force(today).program);
    if (!file || !file->failed()) counts = update_segments(*db, events, today, rules);
    if (file) file->complete_rejects();
    if (!o.nps.dry_run && !(file && file->failed())) tx.commit();
    if (file) {
        GlobalOptions summary_only = g; // the import summary goes to stderr: stdout holds the segments
        summary_only.json = false;
        summary_only.format = Format::table;
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        file->finish(imported, summary_only, seconds); // throws (nothing committed) when rows were invalid
    }
    terminal.summary(fmt::format("segments: {} {} added, {} removed{}", counts.added, counts.added == 1 ? "tag" : "tags",
                                 counts.removed, o.nps.dry_run ? " (dry run: nothing written)" : ""));
    terminal.data(segment_output(counts, g.output_format(), terminal.table_style()));
}

static void setup_tag_edit(CLI::App& tag, const GlobalOptions& globals, Runner& selected, bool add)
{
    auto o = std::make_shared<TagEditOptions>();
    CLI::App* cmd = tag.add_subcommand(add ? "add" : "remove", add ? "Tag a person" : "Remove tags from a person");
    cmd->add_option("PERSON", o->person, "Email address, or ext:ID")->required();
    cmd->add_option("TAG", o->tags, "Tags (lowercase words)")->required();
    cmd->footer(add ? "Example: refer tag add jane@acme.com vip case-study" : "Example: refer tag remove jane@acme.com vip");
    cmd->callback([o, &globals, &selected, add] { selected = [o, &globals, add] { run_tag_edit(*o, globals, add); }; });
}

void setup_tag(CLI::App& app, const GlobalOptions& globals, Runner& selected)
{
    CLI::App* tag = app.add_subcommand("tag", "Tag people; compute the NPS segments (promoter, passive, detractor)");
    tag->require_subcommand(1);
    setup_tag_edit(*tag, globals, selected, true);
    setup_tag_edit(*tag, globals, selected, false);

    auto list = std::make_shared<TagListOptions>();
    CLI::App* l = tag->add_subcommand("list", "Every tag with its number of people, or the people with TAG");
    l->add_option("TAG", list->tag, "Only the people carrying this tag");
    l->footer("Example: refer tag list vip --format csv");
    l->callback([list, &globals, &selected] { selected = [list, &globals] { run_tag_list(*list, globals); }; });

    auto promoters = std::make_shared<PromotersOptions>();
    CLI::App* p = tag->add_subcommand("promoters", "Recompute every person's NPS segment tag (optionally importing a survey first)");
    add_import_options(*p, promoters->nps);
    p->remove_option(p->get_option("FILE"));
    p->add_option("--nps", promoters->nps.file, "Import this NPS survey export first (- for standard input), "
                                                "in the same transaction")->type_name("FILE");
    p->footer("Example: refer tag promoters --nps surveymonkey-export.csv");
    p->callback([promoters, &globals, &selected] { selected = [promoters, &globals] { run_promoters(*promoters, globals); }; });
}

} // namespace refer
