// Private: makes the text measurement of a layout process single-threaded in effect
// (font_threads.cpp says how and why).
#pragma once

namespace actorgraph::detail::gv {

// To be called in a layout process (one thread, before Graphviz measures any text): sets fontconfig
// up on this thread, and from then on makes each of the threads pango 1.50 starts to look a font up
// ("[pango] FcFontSetMatch", "[pango] FcFontSetSort") finish before the call that started it
// returns, so that no font work runs beside the layout.
void serialize_font_threads();

}  // namespace actorgraph::detail::gv
