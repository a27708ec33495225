// Diagrams: see include/actorgraph/render/diagram.hpp (being written).
