package dev.argus.parser.decode;

/** A decoder's current picture, converted to packed BGR24 on demand. */
interface PixelSource {

  /** Writes the current picture as packed BGR24 rows (stride {@code width * 3}) into {@code target}. */
  void writeBgr(BgrBuffer target);
}
