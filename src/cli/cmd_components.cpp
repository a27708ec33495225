// actorgraph components DATASET: which actors hang together.
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/output.hpp"

#include "actorgraph/analysis/components.hpp"

#include <algorithm>
#include <iostream>
#include <memory>

namespace actorgraph::cli {

namespace {

struct ComponentsArgs {
  std::string dataset;
  std::string format = "table";
  bool strong = false;
  SliceArgs slice;
};

// One row per actor: its component, numbered by size (largest first, ties by first actor), and the
// component's size.
void run(const ComponentsArgs& args) {
  const Dataset& d = load(args.dataset);
  const Slice slice(d, args.slice.options(), load_options().threads);
  note_slice(slice);
  const Components c = args.strong ? strong_components(d, slice) : weak_components(d, slice);
  std::vector<std::uint32_t> order(c.count());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return c.sizes[a] > c.sizes[b]; });
  std::vector<std::uint32_t> rank(c.count());
  for (std::uint32_t i = 0; i < order.size(); ++i) rank[order[i]] = i;
  std::vector<ActorId> actors;
  for (ActorId a = 0; a < d.actor_count(); ++a)
    if (c.component[a] != Components::none) actors.push_back(a);
  std::stable_sort(actors.begin(), actors.end(), [&](ActorId a, ActorId b) { return rank[c.component[a]] < rank[c.component[b]]; });
  ResultTable table;
  table.add_column("id");
  table.add_column("label");
  table.add_column("component", true);
  table.add_column("size", true);
  table.stream_to(std::cout, args.format);  // csv and json: a million actors' rows are not kept
  for (ActorId a : actors)
    table.add_row({std::string(d.actor_id(a)), std::string(d.actor_label(a)), std::to_string(rank[c.component[a]] + 1),
                   std::to_string(c.sizes[c.component[a]])});
  table.write(std::cout, args.format);
}

}  // namespace

void add_components_command(CLI::App& app) {
  auto args = std::make_shared<ComponentsArgs>();
  auto* cmd = app.add_subcommand("components", "Connected components: each actor with its component (1 = largest)");
  add_dataset_argument(*cmd, args->dataset);
  add_format_option(*cmd, args->format);
  cmd->add_flag("--strong", args->strong, "Strongly connected components (following direction) instead of weak ones");
  args->slice.add_to(*cmd);
  cmd->callback([args] { run(*args); });
}

}  // namespace actorgraph::cli
