// DOT, GraphML and JSON exchange: see include/actorgraph/io/exchange.hpp (being written).
