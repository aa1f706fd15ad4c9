#include <zlib.h>

/* deflateInit2 and inflateInit2 are macros that Swift does not import. */
static inline int feedwatch_deflate_init(z_stream *stream, int level, int window_bits, int mem_level) {
    return deflateInit2(stream, level, Z_DEFLATED, window_bits, mem_level, Z_DEFAULT_STRATEGY);
}

static inline int feedwatch_inflate_init(z_stream *stream, int window_bits) {
    return inflateInit2(stream, window_bits);
}
