// actorgraph actors / relations DATASET: list and filter what the dataset holds.
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/output.hpp"

#include <algorithm>
#include <iostream>
#include <memory>

namespace actorgraph::cli {

namespace {

struct ListArgs {
  std::string dataset;
  std::string format = "table";
  SliceArgs slice;
  std::vector<std::string> actors;  // names given with --actor
  bool linked = false;
};

std::vector<ActorId> resolve_all(const Dataset& d, const std::vector<std::string>& names) {
  std::vector<ActorId> out;
  for (const auto& name : names) out.push_back(d.resolve_actor(name));
  return out;
}

// actors: the slice's actors; with --actor, those actors and their partners in the slice.
void run_actors(const ListArgs& args) {
  const Dataset& d = load(args.dataset);
  const Slice slice(d, args.slice.options(), load_options().threads);
  note_slice(slice);
  const auto named = resolve_all(d, args.actors);
  std::vector<std::size_t> degree(d.actor_count(), 0);
  std::vector<std::uint8_t> near(d.actor_count(), named.empty() ? 1 : 0);
  for (ActorId a : named) near[a] = 1;
  for (RelationId r = 0; r < d.relation_count(); ++r) {
    if (!slice.has_relation(r)) continue;
    const ActorId s = d.relation_source(r), t = d.relation_target(r);
    ++degree[s];
    if (t != s) ++degree[t];
    for (ActorId a : named) {
      if (s == a) near[t] = 1;
      if (t == a) near[s] = 1;
    }
  }
  const Table& actors = d.actors_table();
  ResultTable table;
  const bool wide = args.format != "table";
  const std::size_t shown_columns = wide ? actors.columns().size() : std::min<std::size_t>(3, actors.columns().size());
  for (std::size_t c = 0; c < shown_columns; ++c) table.add_column(actors.columns()[c]);
  table.add_column("relations", true);
  table.stream_to(std::cout, args.format);  // csv and json: the rows are not kept
  for (ActorId a = 0; a < d.actor_count(); ++a) {
    if (!slice.has_actor(a) || !near[a] || (args.linked && degree[a] == 0)) continue;
    std::vector<std::string> row;
    for (std::size_t c = 0; c < shown_columns; ++c) row.emplace_back(actors.cell(a, c));
    row.push_back(std::to_string(degree[a]));
    table.add_row(std::move(row));
  }
  table.write(std::cout, args.format);
}

// relations: the slice's relations; with --actor A, those touching A; with two or more, those
// among them.
void run_relations(const ListArgs& args) {
  const Dataset& d = load(args.dataset);
  const Slice slice(d, args.slice.options(), load_options().threads);
  note_slice(slice);
  const auto named = resolve_all(d, args.actors);
  std::vector<std::uint8_t> is_named(d.actor_count(), 0);
  for (ActorId a : named) is_named[a] = 1;
  const Table& relations = d.relations_table();
  ResultTable table;
  const bool wide = args.format != "table";
  if (wide) {
    for (const auto& c : relations.columns()) table.add_column(c);
  } else {
    for (const char* c : {"id", "source", "target", "type", "dates", "sources"}) table.add_column(c);
  }
  table.stream_to(std::cout, args.format);  // csv and json: millions of relations' rows are not kept
  for (RelationId r = 0; r < d.relation_count(); ++r) {
    if (!slice.has_relation(r)) continue;
    const ActorId s = d.relation_source(r), t = d.relation_target(r);
    if (named.size() == 1 && !is_named[s] && !is_named[t]) continue;
    if (named.size() > 1 && !(is_named[s] && is_named[t])) continue;
    std::vector<std::string> row;
    if (wide) {
      for (std::size_t c = 0; c < relations.columns().size(); ++c) row.emplace_back(relations.cell(r, c));
    } else {
      row = {std::string(d.relation_id(r)), std::string(d.actor_id(s)), std::string(d.actor_id(t)),
             d.types()[d.relation_type(r)].id, relation_dates(d, r), relation_sources(d, r)};
    }
    table.add_row(std::move(row));
  }
  table.write(std::cout, args.format);
}

CLI::App* add_list_command(CLI::App& app, const char* name, const char* help, std::shared_ptr<ListArgs> args) {
  auto* cmd = app.add_subcommand(name, help);
  add_dataset_argument(*cmd, args->dataset);
  add_format_option(*cmd, args->format);
  cmd->add_option("--actor", args->actors, "An actor (id, label or alias); repeat or separate by commas")->delimiter(',');
  args->slice.add_to(*cmd);
  return cmd;
}

}  // namespace

void add_actors_command(CLI::App& app) {
  auto args = std::make_shared<ListArgs>();
  auto* cmd = add_list_command(app, "actors", "List actors with their number of relations in the slice; with --actor, "
                               "those actors and their direct partners", args);
  cmd->add_flag("--linked", args->linked, "Only actors with at least one relation in the slice");
  cmd->callback([args] { run_actors(*args); });
}

void add_relations_command(CLI::App& app) {
  auto args = std::make_shared<ListArgs>();
  auto* cmd = add_list_command(app, "relations", "List relations; with one --actor, those touching it; with several, "
                               "those among them", args);
  cmd->callback([args] { run_relations(*args); });
}

}  // namespace actorgraph::cli
