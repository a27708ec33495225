// Reading and writing a dataset in the graph exchange formats other tools use: DOT (Graphviz),
// GraphML (Gephi, yEd, Cytoscape, NetworkX) and node-link JSON (NetworkX, D3). docs/EXCHANGE.md
// gives the mappings in full, with what is not supported and why.
//
// Reading never builds a Dataset by itself: a graph file is turned into the tables of a dataset
// (io/tables.hpp: actors, relations, and the sources, types and blocs it embeds) and those go
// through the one validator, so a converted graph is checked exactly like a folder; each problem
// is reported at the node, edge or embedded table line it comes from.
//
// The mapping, in short (the same for the three formats):
//   node            -> actor: node name/id -> `id`; attribute `label` -> `label`; `kind` -> `kind`
//                      (`node` when absent); `aliases` -> `aliases`; every other attribute -> a
//                      further column of actors.csv.
//   edge            -> relation: tail/source -> `source`, head/target -> `target`; the edge's key
//                      (DOT `key`, GraphML edge `id`, JSON link `key`), else an `id` attribute, else
//                      a generated `e1`, `e2`... (numbered in file order, skipping ids taken) ->
//                      `id`; attribute `type` -> `type` (`link` when absent); `directed` ->
//                      `directed`, filled with `false` when the graph is undirected; every other
//                      attribute -> a further column of relations.csv.
//   types           -> every type the edges use that is neither built in nor declared gets a row
//                      in types.csv ("declared when reading FILE"), directed as the graph is,
//                      not ongoing.
//   graph attribute -> `actorgraph_actor_columns` and `actorgraph_relation_columns` (the header
//                      rows, so columns keep their order and empty columns survive) and
//                      `actorgraph_sources`, `actorgraph_types`, `actorgraph_blocs` (the canonical
//                      CSV text of those files), `actorgraph_file:NAME` and
//                      `actorgraph_file_base64:NAME` (the folder's other files, as text or base64).
//                      Other graph attributes are ignored.
//   GraphML and JSON also write each edge's resolved direction as `actorgraph_directed` (a
//   boolean), which reading drops: the `directed` cell reads back as it was.
// Writing does the reverse, so dataset -> any format -> dataset gives the same canonical files.
//
// Not thread-safe for DOT (cgraph's parser is process-global): read DOT on one thread.
#pragma once

#include "actorgraph/io/dataset_reader.hpp"
#include "actorgraph/model/dataset.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace actorgraph {

enum class ExchangeFormat { folder, dot, graphml, json };

// "folder", "dot", "graphml", "json".
std::string_view format_name(ExchangeFormat format) noexcept;

// The format named `name` ("folder", "dot" or "gv", "graphml", "json"), or nullopt.
std::optional<ExchangeFormat> parse_exchange_format(std::string_view name) noexcept;

// The format of `path`: an existing folder, or by extension (.dot and .gv, .graphml, .json), or a
// folder when the path does not exist and has no extension (an output folder to create). Throws
// UsageError for any other extension, naming the supported ones.
ExchangeFormat exchange_format(const std::string& path);

// The CSV texts ("actors.csv" -> text, ...) of the dataset a graph file describes, ready for
// load_dataset_files: the tables made from its nodes and edges with their rows in file order, the
// tables and files it embeds as they are, the types only its edges name after the declared ones. `origin` names the file in messages. Throws ParseError(origin, line, column)
// when the text is not valid DOT / XML / JSON or not a graph in that format (e.g. a JSON link
// without "source"). `format` must not be folder.
std::map<std::string, std::string> graph_to_dataset_files(std::string_view text, ExchangeFormat format,
                                                          const std::string& origin);

// Reads and validates a dataset from a folder or a graph file, with every diagnostic as
// check_dataset gives it. For a graph file, a syntax error is one diagnostic
// `FILE:LINE[:COLUMN]: error: message` (DOT errors come from cgraph and have no column), and the
// validator's diagnostics name the node or edge: `FILE[:LINE:COLUMN]: error: node 'x': message`
// (the element's line and column for GraphML and JSON; cgraph keeps no positions), or the graph
// attribute holding an embedded table: `FILE: error: graph attribute actorgraph_sources, line 2: ...`. Throws IoError when the
// path cannot be read, UsageError for an unknown extension.
CheckResult check_dataset_any(const std::string& path);
// The same, read as `options` say (threads; the result does not depend on them).
CheckResult check_dataset_any(const std::string& path, const LoadOptions& options);
// The same for text already in memory.
CheckResult check_dataset_text(std::string_view text, ExchangeFormat format, const std::string& origin);

// Loads a valid dataset from a folder or a graph file. Throws ParseError for a syntax error,
// DataError with every diagnostic for an invalid dataset, IoError, UsageError.
Dataset read_dataset_any(const std::string& path);

// What to_dot writes besides the dataset.
struct DotOptions {
  // Actors to write (indexed by ActorId; empty: all). A relation is written when both its actors
  // are. A restricted graph is for drawing: blocs and sources are still embedded, so reading it
  // back may fail where `disputes` names a relation left out.
  std::vector<bool> actors;
  // Relations to write (indexed by RelationId; empty: all those between written actors).
  std::vector<bool> relations;
  // Further node attributes: column name -> one value per actor (size actor_count(); an empty
  // value writes nothing). A name that is also a column of actors.csv replaces that column.
  std::map<std::string, std::vector<std::string>> node_attributes;
  // Embed the graph attributes that make the file a lossless copy of the dataset
  // (actorgraph_*_columns, actorgraph_sources/types/blocs).
  bool embed_tables = true;
};

// The dataset as a DOT digraph, one statement per line: the graph attributes, then a node
// statement per actor (in dataset order) and an edge statement per relation (in dataset order)
// with `key=` the relation id and every non-empty cell as an attribute (known columns first, as in
// the CSV). Undirected relations stay `->` edges with `directed=false` (or their type's default),
// so the file reads back unchanged. Ids are quoted unless they are plain ASCII identifiers;
// backslashes are doubled (cgraph keeps `\\` and Graphviz draws it as one backslash). Throws
// UsageError when an annotation has the wrong size, Error when relations.csv has a column named
// `key` (DOT's name for the edge id). Deterministic.
std::string to_dot(const Dataset& dataset, const DotOptions& options = {});

// The dataset as GraphML: a <key> per column (attr.type "double" for `weight`, "string" otherwise;
// ids d0, d1...), <graph edgedefault="directed">, a <node> per actor and an <edge id=RELATION> per
// relation (parallel edges are allowed), empty cells omitted, and on every edge its resolved
// direction (Dataset::relation_directed) as `actorgraph_directed`, attr.type "boolean". Throws Error
// when a value holds a control character XML cannot represent (U+0001-U+0008, U+000B, U+000C,
// U+000E-U+001F), or when relations.csv has a column named `actorgraph_directed`.
std::string to_graphml(const Dataset& dataset);

// The dataset as node-link JSON, as NetworkX's node_link_data writes it with edges="links" and D3
// reads it: {"directed": true, "multigraph": true, "graph": {...}, "nodes": [{"id": ...}],
// "links": [{"source": ..., "target": ..., "key": RELATION, ...}]}. Every value is a string except
// `weight`, written as a JSON number, and `actorgraph_directed` (the relation's resolved direction),
// a JSON boolean, last in every link. Throws Error when relations.csv has a column named `key` or
// `actorgraph_directed`.
std::string to_json(const Dataset& dataset);

// The text of `dataset` in a text format (dot, graphml, json); `format` must not be folder.
std::string to_text(const Dataset& dataset, ExchangeFormat format);

// Something of a dataset that a conversion cannot carry into a format.
struct ExchangeLoss {
  std::string name;    // the folder entry, e.g. "photos"
  std::string reason;  // why, e.g. "it is a folder, a special file or unreadable, and a DOT file carries ..."
};

// What writing `dataset` in `format` leaves behind, in name order; empty when the conversion keeps
// everything. Every format carries the five dataset files and every other regular file of the
// folder (Dataset::other_files), byte for byte: DOT, GraphML and JSON embed each as a graph
// attribute, `actorgraph_file:NAME` with its text when it is UTF-8 without control characters other
// than tab, LF and CR, else `actorgraph_file_base64:NAME` (docs/EXCHANGE.md). What none carries:
// Dataset::other_entries() (subfolders, special files, files that could not be read). The convert
// command prints each as "warning: NAME is not carried into OUT: REASON".
std::vector<ExchangeLoss> exchange_losses(const Dataset& dataset, ExchangeFormat format);

// Writes the dataset to `path` in `format` (a folder through write_dataset, or a file, written to
// a temporary name and renamed). Throws IoError.
void write_dataset_any(const Dataset& dataset, const std::string& path, ExchangeFormat format);

}  // namespace actorgraph
