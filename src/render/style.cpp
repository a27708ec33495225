// Style sheets for diagrams: see include/actorgraph/render/style.hpp (being written).
