// pango 1.50 looks fonts up on threads of its own: one that initialises fontconfig ("[pango]
// FcInit", started with the first font map) and two per font description ("[pango] FcFontSetMatch",
// "[pango] FcFontSetSort"), whose results the measuring thread takes when it needs them while they
// keep running. ThreadSanitizer, on the unit tests of rendering, reported data races between these
// threads and the layout process's own thread in every layout (in fontconfig's cache, strlen and
// strcmp on pattern strings, g_str_has_suffix; pango issues 784 and 872 report the like). A layout
// whose text measurement races another thread is not a function of its input, so a layout process
// takes the races away:
// - fontconfig is initialised (FcInit) on the layout's thread first, so "[pango] FcInit" finds it
//   done and only sets pango's flag;
// - g_thread_new, which pango calls through the dynamic linker, is defined here and exported from
//   the executable (CMakeLists.txt: --export-dynamic-symbol), so it comes first in the symbol search
//   of every library, the ones Graphviz's plugins load included. It calls GLib's own g_thread_new
//   and, for the two font look-up threads of a layout process, joins the thread before returning:
//   the look-up has then run whole before pango goes on, on another thread but never beside it.
//   ("[pango] FcInit" cannot be joined there: pango starts it holding a lock the thread takes.)
// Every other caller, and every process that is not a layout process, gets GLib's g_thread_new
// unchanged.
#include "detail/font_threads.hpp"

#include <fontconfig/fontconfig.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <dlfcn.h>

namespace {

// Set once, in a layout process, while it has one thread.
bool serialize = false;

struct GLibThreads {
  using New = void* (*)(const char*, void* (*)(void*), void*);
  using Ref = void* (*)(void*);
  using Join = void* (*)(void*);
  New create = nullptr;
  Ref ref = nullptr;
  Join join = nullptr;
};

// GLib's own functions: GLib is loaded whenever its g_thread_new is called for, since only code
// linked with GLib calls it.
const GLibThreads& glib_threads() {
  static const GLibThreads threads = [] {
    GLibThreads t;
    void* glib = ::dlopen("libglib-2.0.so.0", RTLD_NOLOAD | RTLD_LAZY);
    if (glib) {
      t.create = reinterpret_cast<GLibThreads::New>(::dlsym(glib, "g_thread_new"));
      t.ref = reinterpret_cast<GLibThreads::Ref>(::dlsym(glib, "g_thread_ref"));
      t.join = reinterpret_cast<GLibThreads::Join>(::dlsym(glib, "g_thread_join"));
    }
    if (!t.create || !t.ref || !t.join) {
      std::fputs("actorgraph: cannot find GLib's g_thread_new, g_thread_ref and g_thread_join\n", stderr);
      std::abort();
    }
    return t;
  }();
  return threads;
}

}  // namespace

namespace actorgraph::detail::gv {

void serialize_font_threads() {
  FcInit();
  serialize = true;
}

}  // namespace actorgraph::detail::gv

// GLib's signature, with its types spelled as C's (GThread* as void*, gpointer as void*).
extern "C" void* g_thread_new(const char* name, void* (*func)(void*), void* data) {
  const GLibThreads& glib = glib_threads();
  void* thread = glib.create(name, func, data);
  if (serialize && name && std::strncmp(name, "[pango] FcFontSet", 17) == 0) {
    glib.ref(thread);  // g_thread_join drops a reference; the caller still holds and drops its own
    glib.join(thread);
  }
  return thread;
}
