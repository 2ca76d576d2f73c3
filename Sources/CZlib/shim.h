// zlib's header for Swift. No logic lives here.
#ifndef KSELECT_CZLIB_SHIM_H
#define KSELECT_CZLIB_SHIM_H

#include <zlib.h>

/// `inflateInit2` is a macro in zlib.h, which Swift cannot call.
static inline int czlib_inflate_init2(z_stream *stream, int window_bits) {
  return inflateInit2(stream, window_bits);
}

#endif
